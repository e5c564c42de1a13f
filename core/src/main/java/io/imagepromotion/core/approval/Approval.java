package io.imagepromotion.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * One person's approval of a promotion, and who vouches that this person approved: the evidence a record carries.
 *
 * @param userId     the approver's user id, as the authority knows it
 * @param approvedAt when the approval was given
 * @param authority  who vouches for it: Jenkins, which authenticated the request, or nobody (asserted by the caller)
 */
public record Approval(String userId, Instant approvedAt, ApprovalAuthority authority) {
    public Approval {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(approvedAt, "approvedAt");
        Objects.requireNonNull(authority, "authority");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("an approval needs the approver's user id");
        }
    }

    /** True when an authority authenticated the approver, rather than a script or command line stating a name. */
    public boolean vouched() {
        return authority.kind() == ApprovalAuthority.Kind.JENKINS;
    }
}
