package io.imagepromotion.core.approval;

import java.time.Instant;
import java.util.List;

/**
 * One settled approval round as Jenkins recorded it (the approver from its authenticated request, their groups and
 * whether they are an administrator, or an Abort): the only input the tally trusts. {@code userId} null = anonymous.
 */
public record ApprovalEvidence(int round, String userId, Instant at, boolean administrator, List<String> groups,
                               boolean rejected) {
    public ApprovalEvidence {
        groups = List.copyOf(groups);
    }
}
