package io.imagepromotion.core.approval;

import java.util.ArrayList;
import java.util.List;

/** STUB of the contract (gatecore owns the real one). */
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
