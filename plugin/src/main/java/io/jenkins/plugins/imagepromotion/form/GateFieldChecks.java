package io.jenkins.plugins.imagepromotion.form;

import io.imagepromotion.core.approval.ApprovalPolicy;

/** What the Snippet Generator says about the approval gate's fields while they are typed; the same rules as at run time. */
public final class GateFieldChecks {
    /** As ApprovalPolicy validates it. */
    private static final int MAX_APPROVALS = 50;
    private static final String URL_SAFE = "[A-Za-z0-9._~!$()*+,:@=-]+";

    private GateFieldChecks() {
    }

    public static FieldVerdict environment(String value) {
        if (value == null || value.isBlank()) {
            return FieldVerdict.error("Required: the environment this gate approves, e.g. prod");
        }
        return FieldChecks.oneLine("environment", value);
    }

    public static FieldVerdict approvals(String value) {
        if (value == null || value.isBlank()) {
            return FieldVerdict.OK;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1 || n > MAX_APPROVALS) {
                return FieldVerdict.error("Between 1 and " + MAX_APPROVALS + " approvals");
            }
            return FieldVerdict.OK;
        } catch (NumberFormatException e) {
            return FieldVerdict.error("A whole number of approvals, e.g. 2");
        }
    }

    public static FieldVerdict submitters(String value) {
        if (value == null || value.isBlank()) {
            return FieldVerdict.warning("Empty: whoever may build this job can approve (and administrators always can)");
        }
        try {
            ApprovalPolicy.of(1, value, false, false);
            return FieldVerdict.OK;
        } catch (IllegalArgumentException e) {
            return FieldVerdict.error(e.getMessage());
        }
    }

    public static FieldVerdict gate(String value) {
        if (value == null || value.isBlank()) {
            return FieldVerdict.error("Required: the id planPromotion returned (its id key), e.g. gate.id");
        }
        if (value.contains("${")) {
            return FieldVerdict.warning("Contains an expression; it is checked when the step runs");
        }
        return value.strip().matches(URL_SAFE) ? FieldVerdict.OK
                : FieldVerdict.error("Not a gate id: planPromotion returns ids like Gate-prod-1a2b3c4d-1");
    }
}
