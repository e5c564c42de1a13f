package io.imagepromotion.core.promote;

import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;

/** The plainest promotion: default settings, silent listener, one target. */
final class Promotions {
    private Promotions() {
    }

    static PromotionResult promote(String source, String target) {
        try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
            return promoter.promote(PromotionRequest.builder(ImageReference.parse(source)).target(ImageReference.parse(target)).build());
        }
    }
}
