package io.jenkins.plugins.imagepromotion.agent;

import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.ResolvedImage;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.args.ReferenceInput;
import java.io.PrintStream;

/** Resolves one reference to {@code registry/repository@digest} where it is called. Free of Jenkins types. */
public final class ResolveTask {
    private ResolveTask() {
    }

    /** @throws io.imagepromotion.core.error.ImagePromotionException for every failure the user can act on */
    public static String run(String image, RegistryAccess access, PrintStream log) {
        ImageReference reference = ReferenceInput.parseExplicit("image", image);
        try (ImagePromoter promoter = new ImagePromoter(access.transportSettings(), new WarningsToLog(log))) {
            ResolvedImage resolved = promoter.resolve(reference);
            String pinned = resolved.pinned().toString();
            log.println("Resolved " + reference + " -> " + resolved.digest() + " (" + resolved.mediaType() + ")");
            return pinned;
        }
    }

    /** Only warnings (retries, fallbacks) are worth a line when resolving. */
    private static final class WarningsToLog implements PromotionListener {
        private final PrintStream log;

        WarningsToLog(PrintStream log) {
            this.log = log;
        }

        @Override
        public void warning(String message) {
            log.println("WARNING: " + message);
        }
    }
}
