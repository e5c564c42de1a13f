package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The validated arguments of {@code promoteThrough}: one image and the environments it climbs, in order.
 *
 * Every environment's arguments are checked here, before anything is resolved or promoted, so a misspelt key or a
 * missing target in the production entry fails the build before dev is touched. (A reference's syntax is the
 * plugin's to check, when that environment is planned: before anything is written to it.) Each environment becomes a {@code promoteTo} call whose {@code requires} is
 * the previous environment's target. The {@code validate} closures are checked but not kept: closures stay in the
 * caller's argument map and are never stored in library objects.
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class PromoteThroughRequest implements Serializable {
    private static final long serialVersionUID = 1L

    static final List<String> KEYS = Collections.unmodifiableList(
            ['image', 'environments', 'credentialsId', 'targetCredentialsId', 'stages'])
    static final List<String> ENVIRONMENT_KEYS = Collections.unmodifiableList(
            ['name', 'target', 'approval', 'milestone', 'credentialsId', 'targetCredentialsId', 'validate'])

    /** A tag or a pinned reference, as given; pinned once by {@code promoteThrough}. */
    final String image
    /** Credentials for reading (and resolving) the image. */
    final String credentialsId
    /** Wrap each environment in {@code stage("Promote to <name>")}. */
    final boolean stages
    /** Per environment: its promoteTo arguments without {@code image}, which is added once pinned. */
    private final List<Map> environments

    private PromoteThroughRequest(String image, String credentialsId, boolean stages, List<Map> environments) {
        this.image = image
        this.credentialsId = credentialsId
        this.stages = stages
        this.environments = environments
    }

    @NonCPS
    static PromoteThroughRequest from(Object raw) {
        StepArguments args = StepArguments.of('promoteThrough', raw, KEYS)
        String image = args.requiredString('image')
        String credentialsId = args.optionalString('credentialsId')
        String targetCredentialsId = args.optionalString('targetCredentialsId')
        boolean stages = args.optionalBoolean('stages', true)
        Object list = args.raw('environments')
        if (!(list instanceof List) || ((List) list).isEmpty()) {
            throw new PromotionArgumentException(
                    "promoteThrough: 'environments' must be a non-empty List of Maps (one per environment, in order), got ${StepArguments.describe(list)}.")
        }
        List given = (List) list
        List<Map> environments = []
        List<String> names = []
        List<String> targets = []
        String previousTarget = null
        String previousTargetCredentials = null
        for (int i = 0; i < given.size(); i++) {
            StepArguments env = StepArguments.of("promoteThrough environments[${i}]", given.get(i), ENVIRONMENT_KEYS)
            String name = env.requiredString('name')
            if (names.contains(name)) {
                throw new PromotionArgumentException("promoteThrough: environment '${name}' is listed twice.")
            }
            String target = env.optionalString('target')
            if (target != null && targets.contains(target)) {
                throw new PromotionArgumentException("promoteThrough: target '${target}' is listed twice.")
            }
            if (env.has('validate') && !(env.raw('validate') instanceof Closure)) {
                throw new PromotionArgumentException(
                        "promoteThrough environments[${i}] (${name}): 'validate' must be a closure, got ${StepArguments.describe(env.raw('validate'))}.")
            }
            String sourceCredentials = env.has('credentialsId') ? env.optionalString('credentialsId') : credentialsId
            String targetCredentials = env.has('targetCredentialsId') ? env.optionalString('targetCredentialsId') : targetCredentialsId
            Map promoteTo = [environment: name, target: env.raw('target')]
            if (previousTarget != null) {
                promoteTo.put('requires', previousTarget)
                if (previousTargetCredentials != null) {
                    promoteTo.put('requiresCredentialsId', previousTargetCredentials)
                }
            }
            if (env.has('approval')) {
                promoteTo.put('approval', env.raw('approval'))
            }
            if (env.has('milestone')) {
                promoteTo.put('milestone', env.raw('milestone'))
            }
            if (sourceCredentials != null) {
                promoteTo.put('credentialsId', sourceCredentials)
            }
            if (targetCredentials != null) {
                promoteTo.put('targetCredentialsId', targetCredentials)
            }
            Map withImage = new LinkedHashMap(promoteTo)
            withImage.put('image', image)
            PromoteToRequest checked = PromoteToRequest.from(withImage, "promoteThrough environments[${i}] (${name})")
            names.add(name)
            targets.add(checked.target)
            environments.add(promoteTo)
            previousTarget = checked.target
            previousTargetCredentials = targetCredentials != null ? targetCredentials : sourceCredentials
        }
        return new PromoteThroughRequest(image, credentialsId, stages, environments)
    }

    @NonCPS
    int size() {
        return environments.size()
    }

    @NonCPS
    String name(int index) {
        return environments.get(index).get('environment')
    }

    @NonCPS
    List<String> names() {
        List<String> names = []
        for (int i = 0; i < environments.size(); i++) {
            names.add(name(i))
        }
        return names
    }

    /** The {@code promoteTo} arguments of one environment, promoting {@code pinnedImage}. */
    @NonCPS
    Map promoteToArguments(int index, String pinnedImage) {
        Map args = new LinkedHashMap(environments.get(index))
        args.put('image', pinnedImage)
        return args
    }
}
