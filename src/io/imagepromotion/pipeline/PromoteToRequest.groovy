package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The checked arguments of {@code promoteTo}. See {@code vars/promoteTo.txt} for what each key means.
 *
 * Only the shape is checked here: which keys, which types, and that {@code requires} is not the target itself. What
 * the values mean (a reference's syntax, the approval policy's limits) is the plugin's to check, in Java: its steps
 * refuse bad values with a message naming them, before anything is written.
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class PromoteToRequest implements Serializable {
    private static final long serialVersionUID = 1L

    static final List<String> KEYS = Collections.unmodifiableList([
            'environment', 'image', 'target', 'requires', 'approval', 'milestone',
            'credentialsId', 'targetCredentialsId', 'requiresCredentialsId'])
    static final List<String> APPROVAL_KEYS = Collections.unmodifiableList(
            ['submitters', 'approvals', 'forbidSelfApproval', 'adminsCount', 'timeoutMinutes'])

    /** Environment names end up in input step IDs, which Jenkins restricts to URL-safe characters. */
    static final String ENVIRONMENT_PATTERN = '[A-Za-z0-9][A-Za-z0-9._-]{0,62}'

    final String environment
    /** A tag or a {@code host/repo@sha256:…} reference; pinned by the plugin. */
    final String image
    final String target
    /** The previous environment's target, or null when this environment has no predecessor. */
    final String requires
    /** Whether {@code approval} was given: without it nobody is asked. */
    final boolean approvalRequired
    /** {@code planPromotion}'s policy arguments (approvals, submitters, forbidSelfApproval, adminsCount). */
    private final Map policy
    /** The whole wait for approvals ends after this many minutes; null: no limit. */
    final Integer timeoutMinutes
    /**
     * Ordinal of a {@code milestone} passed after approval and right before the promotion, or null. It makes an
     * older run that is still waiting for approval abort once a newer run was approved and passed it.
     */
    final Integer milestone
    /** Credentials for reading the source image (and resolving it); null for anonymous access. */
    final String credentialsId
    /** Credentials for the target registry; null lets the plugin use {@code credentialsId}. */
    final String targetCredentialsId
    /** Credentials for resolving {@code requires}; defaults to {@code credentialsId}. */
    final String requiresCredentialsId

    private PromoteToRequest(String environment, String image, String target, String requires,
                             boolean approvalRequired, Map policy, Integer timeoutMinutes, Integer milestone,
                             String credentialsId, String targetCredentialsId, String requiresCredentialsId) {
        this.environment = environment
        this.image = image
        this.target = target
        this.requires = requires
        this.approvalRequired = approvalRequired
        this.policy = policy
        this.timeoutMinutes = timeoutMinutes
        this.milestone = milestone
        this.credentialsId = credentialsId
        this.targetCredentialsId = targetCredentialsId
        this.requiresCredentialsId = requiresCredentialsId
    }

    /**
     * @param stepName how errors name the call, e.g. {@code promoteTo} or {@code promoteThrough environments[2]}
     */
    @NonCPS
    static PromoteToRequest from(Object raw, String stepName) {
        StepArguments args = StepArguments.of(stepName, raw, KEYS)
        String environment = args.requiredString('environment')
        if (!environment.matches(ENVIRONMENT_PATTERN)) {
            throw new PromotionArgumentException(
                    "${stepName}: environment '${environment}' may contain only letters, digits, '.', '_' and '-' (at most 63, starting with a letter or digit).")
        }
        String image = args.requiredString('image')
        String target = args.requiredString('target')
        String requires = args.optionalString('requires')
        if (requires != null && requires == target) {
            throw new PromotionArgumentException(
                    "${stepName}: requires names the target itself ('${target}'); it must name the previous environment's target.")
        }
        Map policy = [:]
        Integer timeoutMinutes = null
        boolean approvalRequired = args.has('approval')
        if (approvalRequired) {
            StepArguments approval = StepArguments.of(stepName + ' approval', args.raw('approval'), APPROVAL_KEYS)
            policy.put('approvals', approval.optionalPositiveInt('approvals', 1))
            String submitters = approval.optionalNameList('submitters')
            if (submitters != null) {
                policy.put('submitters', submitters)
            }
            policy.put('forbidSelfApproval', approval.optionalBoolean('forbidSelfApproval', false))
            policy.put('adminsCount', approval.optionalBoolean('adminsCount', false))
            timeoutMinutes = approval.optionalPositiveInt('timeoutMinutes', null)
        }
        String credentialsId = args.optionalString('credentialsId')
        String requiresCredentialsId = args.optionalString('requiresCredentialsId')
        Integer milestone = args.optionalPositiveInt('milestone', null)
        return new PromoteToRequest(environment, image, target, requires, approvalRequired, policy, timeoutMinutes,
                milestone, credentialsId, args.optionalString('targetCredentialsId'),
                requiresCredentialsId != null ? requiresCredentialsId : credentialsId)
    }

    /** Source and target credentials, only those given (absent means the plugin's default). */
    @NonCPS
    Map credentials() {
        Map args = [:]
        if (credentialsId != null) {
            args.put('credentialsId', credentialsId)
        }
        if (targetCredentialsId != null) {
            args.put('targetCredentialsId', targetCredentialsId)
        }
        return args
    }

    /** {@code planPromotion}'s arguments: the plan (image, target, environment), the policy and the credentials. */
    @NonCPS
    Map planArguments() {
        Map args = [image: image, target: target, environment: environment]
        args.putAll(policy)
        args.putAll(credentials())
        return args
    }

    /** {@code resolveImageDigest}'s arguments for the previous environment. */
    @NonCPS
    Map requiresArguments() {
        Map args = [image: requires]
        if (requiresCredentialsId != null) {
            args.put('credentialsId', requiresCredentialsId)
        }
        return args
    }
}
