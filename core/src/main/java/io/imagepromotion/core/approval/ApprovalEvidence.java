package io.imagepromotion.core.approval;

import java.time.Instant;
import java.util.List;

/** STUB of the contract (gatecore owns the real one). */
public record ApprovalEvidence(int round, String userId, Instant at, boolean administrator, List<String> groups,
                               boolean rejected) {
    public ApprovalEvidence {
        groups = List.copyOf(groups);
    }
}
