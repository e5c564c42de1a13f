import io.imagepromotion.pipeline.EnvironmentPromotion
import io.imagepromotion.pipeline.PromotionRecords

/**
 * The promotions this run has completed through promoteTo / promoteThrough, oldest first, as Maps.
 * See promotionRecords.txt.
 */
List<Map> call() {
    return PromotionRecords.asMaps(new EnvironmentPromotion(this).runRecords())
}
