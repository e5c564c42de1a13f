package io.imagepromotion.core.approval;

import java.time.Instant;
import java.util.List;

/** STUB of the contract (gatecore owns the real one). */
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
