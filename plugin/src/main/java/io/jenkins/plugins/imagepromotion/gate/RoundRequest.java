package io.jenkins.plugins.imagepromotion.gate;

import hudson.AbortException;
import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.core.approval.GateBinding;

/**
 * The {@code input} the next round of a gate asks: its id (unique per gate and round), its message (digest,
 * targets, approvals so far, what is missing and why the last approval did not count), the OK caption, the
 * submitters, and the node's label.
 */
public record RoundRequest(int round, String inputId, String message, String ok, String submitter, String label) {
    public static final String OK = "Approve";

    /**
     * @throws AbortException when the gate is rejected or complete: there is nothing left to ask
     */
    public static RoundRequest next(GateRecord gate, ApprovalTally tally) throws AbortException {
        GateBinding binding = gate.binding();
        if (tally.rejected()) {
            throw new AbortException("gate " + gate.getGateId() + " was rejected by " + tally.rejectedBy()
                    + "; it asks no more rounds. Plan the promotion again (planPromotion) for a new gate");
        }
        if (tally.complete()) {
            throw new AbortException("gate " + gate.getGateId() + " is complete (" + tally.summary()
                    + "); call promoteImage(approval: '" + gate.getGateId() + "') instead of another round");
        }
        int round = gate.getRounds().size() + 1;
        return new RoundRequest(round, binding.roundInputId(round), tally.roundMessage(binding), OK,
                binding.policy().submitterCsv(), GateLabels.round(binding, tally));
    }
}
