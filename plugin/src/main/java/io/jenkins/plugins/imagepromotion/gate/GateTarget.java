package io.jenkins.plugins.imagepromotion.gate;

/** A target of a gate and the digest it held when the plan was made ({@code null}: absent). Persisted in build.xml. */
public final class GateTarget {
    private String target;
    private String currentDigest;

    public GateTarget(String target, String currentDigest) {
        this.target = target;
        this.currentDigest = currentDigest;
    }

    public String getTarget() {
        return target;
    }

    public String getCurrentDigest() {
        return currentDigest;
    }
}
