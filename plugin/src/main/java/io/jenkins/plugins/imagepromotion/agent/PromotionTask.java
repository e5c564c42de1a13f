package io.jenkins.plugins.imagepromotion.agent;

import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.promote.PromotionResult;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.log.BuildLogListener;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import java.io.PrintStream;

/** Runs one promotion where it is called (on the agent), logging to the build log. Free of Jenkins types. */
public final class PromotionTask {
    private PromotionTask() {
    }

    /** @throws io.imagepromotion.core.error.ImagePromotionException for every failure the user can act on */
    public static PromotionOutcome run(PromoteArguments args, RegistryAccess access, PrintStream log) {
        PromotionRequest request = args.toRequest();
        if (args.environment() != null || args.approvedBy() != null) {
            log.println("Promotion" + (args.environment() == null ? "" : " to environment " + args.environment())
                    + (args.approvedBy() == null ? "" : ", approved by " + args.approvedBy()));
        }
        BuildLogListener listener = new BuildLogListener(log);
        try (ImagePromoter promoter = new ImagePromoter(access.transportSettings(), listener)) {
            PromotionResult result = promoter.promote(request);
            listener.summary(result);
            return PromotionOutcome.from(result);
        }
    }
}
