package io.jenkins.plugins.imagepromotion.gate;

/**
 * One round of a gate as {@code approvePromotion} recorded it before starting its {@code input}: the round number,
 * the input's id and the id of the step's FlowNode, where Jenkins writes the round's evidence. Persisted in
 * {@code build.xml} (plain fields, read by XStream's reflection).
 */
public final class GateRound {
    private int round;
    private String inputId;
    private String nodeId;
    private long startedAt;

    public GateRound(int round, String inputId, String nodeId, long startedAt) {
        this.round = round;
        this.inputId = inputId;
        this.nodeId = nodeId;
        this.startedAt = startedAt;
    }

    public int getRound() {
        return round;
    }

    public String getInputId() {
        return inputId;
    }

    public String getNodeId() {
        return nodeId;
    }

    public long getStartedAt() {
        return startedAt;
    }
}
