package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The validated arguments of {@code promoteTo}. See {@code vars/promoteTo.txt} for what each key means.
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class PromoteToRequest implements Serializable {
    private static final long serialVersionUID = 1L

    static final List<String> KEYS = Collections.unmodifiableList([
            'environment', 'image', 'target', 'requires', 'approval', 'milestone',
            'credentialsId', 'targetCredentialsId', 'requiresCredentialsId'])

    /** Environment names end up in input step IDs, which Jenkins restricts to URL-safe characters. */
    static final String ENVIRONMENT_PATTERN = '[A-Za-z0-9][A-Za-z0-9._-]{0,62}'

    final String environment
    final ImageReference image
    final String target
    /** The previous environment's target, or null when this environment has no predecessor. */
    final String requires
    /** Null when the promotion needs no approval. */
    final ApprovalPolicy approval
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

    private PromoteToRequest(String environment, ImageReference image, String target, String requires,
                             ApprovalPolicy approval, Integer milestone, String credentialsId,
                             String targetCredentialsId, String requiresCredentialsId) {
        this.environment = environment
        this.image = image
        this.target = target
        this.requires = requires
        this.approval = approval
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
        ImageReference image = ImageReference.parse(args.requiredString('image'), "${stepName}: image")
        String target = ImageReference.parseTag(args.requiredString('target'), "${stepName}: target").reference
        String requires = null
        if (args.has('requires')) {
            requires = ImageReference.parseTag(args.optionalString('requires'), "${stepName}: requires").reference
            if (requires == target) {
                throw new PromotionArgumentException(
                        "${stepName}: requires names the target itself ('${target}'); it must name the previous environment's target.")
            }
        }
        ApprovalPolicy approval = args.has('approval') ? ApprovalPolicy.from(args.raw('approval'), stepName) : null
        String credentialsId = args.optionalString('credentialsId')
        String requiresCredentialsId = args.optionalString('requiresCredentialsId')
        Integer milestone = args.optionalPositiveInt('milestone', null)
        return new PromoteToRequest(environment, image, target, requires, approval, milestone, credentialsId,
                args.optionalString('targetCredentialsId'),
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

    /** Credentials for reading the target itself: the target's, else the source's; null for anonymous. */
    @NonCPS
    String targetReadCredentials() {
        return targetCredentialsId != null ? targetCredentialsId : credentialsId
    }
}
