package io.jenkins.plugins.imagepromotion.gate;

import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.core.approval.GateBinding;

/** The short labels the gate's nodes get (their {@code LabelAction}), shown by Pipeline Graph View and Blue Ocean. */
public final class GateLabels {
    private GateLabels() {
    }

    /** e.g. "Approval for prod: 1 of 2": the approval this round asks for, of those required. */
    public static String round(GateBinding binding, ApprovalTally tally) {
        return "Approval for " + binding.plan().environment() + ": " + (tally.counted().size() + 1) + " of "
                + tally.required();
    }
}
