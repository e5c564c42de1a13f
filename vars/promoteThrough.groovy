import io.imagepromotion.pipeline.LadderPromotion

/**
 * Promotes one image digest through a list of environments in order, each with promoteTo's plan, gate, approval
 * and record. Arguments and behaviour: promoteThrough.txt.
 */
def call(Map args = null) {
    return new LadderPromotion(this).promote(args)
}
