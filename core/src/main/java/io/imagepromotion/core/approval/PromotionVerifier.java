package io.imagepromotion.core.approval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a promotion against its gate before anything is written, and gives each target's compare-and-set expectation.
 */
public final class PromotionVerifier {
    private PromotionVerifier() {
    }

    public static Map<String, String> verify(GateBinding binding, ApprovalTally tally, String digest, List<String> targets) {
        ApprovalPlan plan = binding.plan();
        if (tally.rejected()) {
            throw new ApprovalMismatchException(ApprovalMismatchException.Kind.REJECTED, "gate " + binding.gateId()
                    + " was rejected by " + tally.rejectedBy());
        }
        if (!plan.digest().equals(digest)) {
            throw new ApprovalMismatchException(ApprovalMismatchException.Kind.DIGEST_DIFFERS, "gate " + binding.gateId()
                    + " approved " + plan.digest() + ", not the requested " + digest);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String t : targets) {
            PlannedTarget p = plan.targets().stream().filter(x -> x.target().equals(t)).findFirst().orElseThrow(() ->
                    new ApprovalMismatchException(ApprovalMismatchException.Kind.TARGET_NOT_APPROVED, "gate "
                            + binding.gateId() + " did not approve " + t + "; it approved "
                            + String.join(", ", plan.targets().stream().map(PlannedTarget::target).toList())));
            expected.put(t, p.currentDigest());
        }
        if (!tally.complete()) {
            throw new ApprovalMismatchException(ApprovalMismatchException.Kind.TOO_FEW_APPROVALS, "gate "
                    + binding.gateId() + " has " + tally.counted().size() + " of " + tally.required() + " approvals");
        }
        return expected;
    }
}
