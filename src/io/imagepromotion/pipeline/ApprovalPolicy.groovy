package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Who must approve a promotion, and how: the {@code approval} map of {@code promoteTo}.
 *
 * <ul>
 *   <li>{@code submitters}: user IDs and/or group names, a comma-separated String or a List. Passed to the
 *       {@code input} step's {@code submitter}. Absent: anyone Jenkins lets approve an input (Build permission).</li>
 *   <li>{@code approvals}: how many distinct users must approve (default 1).</li>
 *   <li>{@code forbidSelfApproval}: the user who started the run cannot approve it (default false).</li>
 *   <li>{@code timeoutMinutes}: the whole wait for approvals ends after this many minutes (default: no limit).</li>
 * </ul>
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class ApprovalPolicy implements Serializable {
    private static final long serialVersionUID = 1L

    static final List<String> KEYS = Collections.unmodifiableList(
            ['submitters', 'approvals', 'forbidSelfApproval', 'timeoutMinutes'])

    /** Comma-separated user IDs / group names, or null for Jenkins' default rule. */
    final String submitters
    final int approvals
    final boolean forbidSelfApproval
    /** Null when the wait has no limit. */
    final Integer timeoutMinutes

    private ApprovalPolicy(String submitters, int approvals, boolean forbidSelfApproval, Integer timeoutMinutes) {
        this.submitters = submitters
        this.approvals = approvals
        this.forbidSelfApproval = forbidSelfApproval
        this.timeoutMinutes = timeoutMinutes
    }

    /**
     * @param stepName how errors name the owner, e.g. {@code promoteTo}
     */
    @NonCPS
    static ApprovalPolicy from(Object raw, String stepName) {
        StepArguments args = StepArguments.of(stepName + ' approval', raw, KEYS)
        return new ApprovalPolicy(
                args.optionalNameList('submitters'),
                args.optionalPositiveInt('approvals', 1).intValue(),
                args.optionalBoolean('forbidSelfApproval', false),
                args.optionalPositiveInt('timeoutMinutes', null))
    }
}
