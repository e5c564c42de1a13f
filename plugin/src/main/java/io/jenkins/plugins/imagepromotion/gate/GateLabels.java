package io.jenkins.plugins.imagepromotion.gate;

import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.core.approval.GateBinding;
import io.jenkins.plugins.imagepromotion.args.StepLabels;
import java.util.HashMap;
import java.util.Map;

/** The short labels the gate's nodes get (their {@code LabelAction}), shown by Pipeline Graph View and Blue Ocean. */
public final class GateLabels {
    private GateLabels() {
    }

    /** e.g. "Approval for prod: 1 of 2": the approval this round asks for, of those required. */
    public static String round(GateBinding binding, ApprovalTally tally) {
        return "Approval for " + binding.plan().environment() + ": " + (tally.counted().size() + 1) + " of "
                + tally.required();
    }

    /** e.g. "Plan myapp:1.2 → prod (prod)": the promotion label and the environment, never another argument. */
    public static String plan(Map<String, Object> namedArgs) {
        Map<String, Object> refs = new HashMap<>();
        for (String key : new String[] {"image", "target", "targets"}) {
            if (namedArgs.get(key) != null) {
                refs.put(key, namedArgs.get(key));
            }
        }
        String label = StepLabels.promote(refs);
        if (label == null) {
            return null;
        }
        Object environment = namedArgs.get("environment");
        return "Plan " + label + (environment instanceof CharSequence env ? " for " + env : "");
    }
}
