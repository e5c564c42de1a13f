package io.imagepromotion.pipeline

/**
 * {@code promoteThrough}: pins the image once, then promotes that one digest through every environment in order,
 * each with {@code promoteTo}'s plan, gate, approvals and compare-and-set, running the environment's {@code validate}
 * closure after its promotion. A failure anywhere stops the climb; later environments are not touched.
 */
class LadderPromotion implements Serializable {
    private static final long serialVersionUID = 1L

    private final Object steps

    LadderPromotion(Object steps) {
        this.steps = steps
    }

    /** Returns promoteImage's result per environment name, in order. */
    Map promote(Object args) {
        EnvironmentPromotion promotion = new EnvironmentPromotion(steps)
        PromoteThroughRequest ladder = null
        String pinned = null
        try {
            ladder = PromoteThroughRequest.from(args)
            pinned = promotion.pin(ladder.image, ladder.credentialsId, 'promoteThrough')
        } catch (PromotionArgumentException e) {
            steps.error(e.getMessage())
            return null
        }
        steps.echo("promoteThrough: promoting ${pinned} through ${ladder.names().join(' -> ')}.")
        List given = (List) ((Map) args).get('environments')
        Map results = [:]
        for (int i = 0; i < ladder.size(); i++) {
            String name = ladder.name(i)
            Map promoteToArgs = ladder.promoteToArguments(i, pinned)
            Object validate = ((Map) given.get(i)).get('validate')
            if (ladder.stages) {
                steps.stage("Promote to ${name}") {
                    results.put(name, promoteAndValidate(promotion, promoteToArgs, name, validate))
                }
            } else {
                results.put(name, promoteAndValidate(promotion, promoteToArgs, name, validate))
            }
        }
        return results
    }

    /** Not private: called from inside the stage closure. */
    Map promoteAndValidate(EnvironmentPromotion promotion, Map promoteToArgs, String name, Object validate) {
        Map result = promotion.promote(promoteToArgs)
        if (validate != null) {
            steps.echo("promoteThrough: validating ${name}.")
            ((Closure) validate).call()
        }
        return result
    }
}
