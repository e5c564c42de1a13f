package io.imagepromotion.core.approval;

import java.util.ArrayList;
import java.util.List;

/**
 * Who must approve a gate: {@code approvals} distinct people (1..50), among {@code submitters} (user ids or groups;
 * empty = whoever Jenkins lets answer the input), without the run's starters when {@code forbidSelfApproval}, and
 * administrators outside the submitters only when {@code adminsCount} (Jenkins always lets them click).
 */
public record ApprovalPolicy(int approvals, List<String> submitters, boolean forbidSelfApproval, boolean adminsCount) {
    public ApprovalPolicy {
        if (approvals < 1 || approvals > 50) {
            throw new IllegalArgumentException("approvals must be between 1 and 50, not " + approvals);
        }
        List<String> clean = new ArrayList<>();
        for (String s : submitters) {
            if (s == null || s.isBlank() || s.contains(",")) {
                throw new IllegalArgumentException("submitters: an empty name or one with a comma");
            }
            if (!clean.contains(s.strip())) {
                clean.add(s.strip());
            }
        }
        submitters = List.copyOf(clean);
    }

    public static ApprovalPolicy of(int approvals, String submittersCsv, boolean forbidSelfApproval, boolean adminsCount) {
        List<String> list = new ArrayList<>();
        if (submittersCsv != null && !submittersCsv.isBlank()) {
            for (String s : submittersCsv.split(",")) {
                if (s.isBlank()) {
                    throw new IllegalArgumentException("submitters contains an empty entry");
                }
                list.add(s.strip());
            }
        }
        return new ApprovalPolicy(approvals, list, forbidSelfApproval, adminsCount);
    }

    public String submitterCsv() {
        return submitters.isEmpty() ? null : String.join(",", submitters);
    }
}
