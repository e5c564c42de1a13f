package io.imagepromotion.core.approval;

import java.util.ArrayList;
import java.util.List;

/**
 * The gate's standing, computed only from Jenkins' evidence: which approvals count, which do not and why, and whether
 * the gate is complete or was rejected. One person counts once; see {@link ApprovalPolicy} for the rest.
 */
public record ApprovalTally(List<CountedApproval> counted, List<RefusedApproval> refused, int required,
                            String rejectedBy, int rounds) {
    public static ApprovalTally of(GateBinding binding, List<ApprovalEvidence> evidence, IdentityMatching matching) {
        List<CountedApproval> counted = new ArrayList<>();
        List<RefusedApproval> refused = new ArrayList<>();
        String rejectedBy = null;
        ApprovalPolicy policy = binding.policy();
        for (ApprovalEvidence e : evidence) {
            if (e.rejected()) {
                rejectedBy = e.userId() == null ? "anonymous" : e.userId();
                break;
            }
            String reason = null;
            if (e.userId() == null) {
                reason = "an anonymous approval does not count";
            } else if (counted.stream().anyMatch(c -> matching.sameUser(c.userId(), e.userId()))) {
                reason = e.userId() + " approved already; one person counts once";
            } else if (policy.forbidSelfApproval()
                    && binding.runStarters().stream().anyMatch(s -> matching.sameUser(s, e.userId()))) {
                reason = e.userId() + " started this run; their approval does not count";
            } else if (!policy.submitters().isEmpty()) {
                boolean listed = policy.submitters().stream().anyMatch(s -> matching.sameUser(s, e.userId())
                        || e.groups().stream().anyMatch(g -> matching.sameGroup(s, g)));
                if (!listed && !(e.administrator() && policy.adminsCount())) {
                    reason = e.userId() + " is not among the submitters; their approval does not count";
                }
            }
            if (reason == null && counted.size() < policy.approvals()) {
                counted.add(new CountedApproval(e.userId(), e.at(), e.round()));
            } else if (reason != null) {
                refused.add(new RefusedApproval(e.userId(), e.round(), reason));
            }
        }
        return new ApprovalTally(List.copyOf(counted), List.copyOf(refused), policy.approvals(), rejectedBy,
                evidence.size());
    }

    public int missing() {
        return Math.max(0, required - counted.size());
    }

    public boolean complete() {
        return rejectedBy == null && missing() == 0;
    }

    public boolean rejected() {
        return rejectedBy != null;
    }

    public String roundMessage(GateBinding binding) {
        ApprovalPlan plan = binding.plan();
        String shortDigest = plan.digest().substring(7, 19);
        StringBuilder b = new StringBuilder("Approve " + shortDigest + " (" + plan.digest() + ") for "
                + plan.environment() + ": " + String.join(", ", plan.targets().stream().map(PlannedTarget::target).toList())
                + ". Approvals so far: " + counted.size() + " of " + required);
        if (!counted.isEmpty()) {
            b.append(" (").append(String.join(", ", counted.stream().map(CountedApproval::userId).toList())).append(')');
        }
        b.append("; ").append(missing()).append(" still needed.");
        if (!refused.isEmpty() && refused.get(refused.size() - 1).round() == rounds) {
            b.append(" The last approval did not count: ").append(refused.get(refused.size() - 1).reason()).append('.');
        }
        return b.toString();
    }

    public String summary() {
        if (rejected()) {
            return "rejected by " + rejectedBy;
        }
        return counted.size() + " of " + required + " approvals"
                + (counted.isEmpty() ? "" : " (" + String.join(", ", counted.stream().map(CountedApproval::userId).toList()) + ")");
    }
}
