import io.imagepromotion.pipeline.EnvironmentPromotion

/**
 * Promotes one image digest to one environment: pin, gate on the previous environment, plan, approve, promote
 * exactly what was approved, record. Arguments and behaviour: promoteTo.txt.
 */
def call(Map args = null) {
    return new EnvironmentPromotion(this).promote(args)
}
