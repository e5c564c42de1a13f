package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Counts approvals until enough distinct users have approved.
 *
 * User IDs are compared case-insensitively, as Jenkins' default user ID strategy does, so "Alice" and "alice" are
 * one approver and a starter cannot slip past {@code forbidSelfApproval} by changing case.
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class ApprovalTally implements Serializable {
    private static final long serialVersionUID = 1L

    /** The approval counted. */
    static final String COUNTED = 'counted'
    /** The user had already approved; it does not count twice. */
    static final String ALREADY_APPROVED = 'already-approved'
    /** The user started the run and self-approval is forbidden; it does not count. */
    static final String SELF_APPROVAL = 'self-approval'

    final int required
    private final List<String> forbidden
    private final List<String> approvers = []

    /**
     * @param forbidden users whose approval does not count (the run's starters, with forbidSelfApproval)
     */
    ApprovalTally(int required, List<String> forbidden) {
        if (required < 1) {
            throw new PromotionArgumentException("At least one approval must be required, got ${required}.")
        }
        this.required = required
        this.forbidden = new ArrayList<String>(forbidden)
    }

    /** Records one approval and says whether it counted; see the constants. */
    @NonCPS
    String record(String userId) {
        if (userId == null || userId.trim().isEmpty()) {
            throw new PromotionArgumentException('An approval carried no user ID, so distinct approvers cannot be counted.')
        }
        if (containsIgnoringCase(forbidden, userId)) {
            return SELF_APPROVAL
        }
        if (containsIgnoringCase(approvers, userId)) {
            return ALREADY_APPROVED
        }
        approvers.add(userId)
        return COUNTED
    }

    /** Records one approval and says, for the build log, whether it counted and what is still needed. */
    @NonCPS
    String recordAndDescribe(String userId) {
        String outcome = record(userId)
        if (outcome == COUNTED) {
            return "approved by ${userId} (${approvers.size()} of ${required})."
        }
        String still = "${remaining()} more approval(s) from other users needed."
        if (outcome == ALREADY_APPROVED) {
            return "${userId} has already approved; it counts once. ${still}"
        }
        return "${userId} started this run and may not approve it (forbidSelfApproval); ${still}"
    }

    @NonCPS
    boolean isComplete() {
        return approvers.size() >= required
    }

    @NonCPS
    int remaining() {
        return Math.max(0, required - approvers.size())
    }

    /** The users whose approvals counted, in the order they approved. */
    @NonCPS
    List<String> approvers() {
        return new ArrayList<String>(approvers)
    }

    @NonCPS
    List<String> forbidden() {
        return new ArrayList<String>(forbidden)
    }

    /**
     * The approving user's ID from an {@code input} step's answer. With {@code submitterParameter} and no other
     * parameters, {@code input} returns the ID itself; with other parameters it returns a Map keyed by name.
     * Returns null when the answer carries no ID (for example when Jenkins security is off).
     */
    @NonCPS
    static String approverId(Object answer, String submitterParameter) {
        Object id = answer
        if (answer instanceof Map) {
            id = ((Map) answer).get(submitterParameter)
        }
        if (!(id instanceof CharSequence) || id.toString().trim().isEmpty()) {
            return null
        }
        return id.toString().trim()
    }

    /**
     * User IDs from {@code currentBuild.getBuildCauses('hudson.model.Cause$UserIdCause')}: a List of Maps (JSON
     * objects) with a {@code userId} entry each.
     */
    @NonCPS
    static List<String> userIds(Object buildCauses) {
        List<String> ids = []
        if (buildCauses instanceof List) {
            List causes = (List) buildCauses
            for (int i = 0; i < causes.size(); i++) {
                Object cause = causes.get(i)
                if (cause instanceof Map && ((Map) cause).get('userId') != null) {
                    ids.add(((Map) cause).get('userId').toString())
                }
            }
        }
        return ids
    }

    @NonCPS
    private static boolean containsIgnoringCase(List<String> ids, String id) {
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).equalsIgnoreCase(id)) {
                return true
            }
        }
        return false
    }
}
