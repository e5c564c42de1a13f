package io.imagepromotion.core.approval;

import java.time.Instant;
import java.util.List;

/**
 * What a gate approves, recorded by Java before the first round: the plan, the policy and who started the run.
 * Gate and round ids are URL-safe and start with an upper-case letter, as {@code input} ids must.
 */
public record GateBinding(String gateId, ApprovalPlan plan, ApprovalPolicy policy, List<String> runStarters,
                          Instant createdAt) {
    public GateBinding {
        runStarters = List.copyOf(runStarters);
    }

    public static String newGateId(String environment, String planHash, int ordinal) {
        String env = environment.replaceAll("[^A-Za-z0-9._-]", "-");
        return "Gate-" + env + "-" + planHash.substring("sha256:".length(), "sha256:".length() + 8) + "-" + ordinal;
    }

    public String roundInputId(int round) {
        return gateId + "-r" + round;
    }
}
