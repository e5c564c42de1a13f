package io.jenkins.plugins.imagepromotion.agent;

import io.imagepromotion.publish.ImagePublisher;
import io.imagepromotion.publish.PublishResult;
import io.jenkins.plugins.imagepromotion.args.PublishArguments;
import io.jenkins.plugins.imagepromotion.log.PublishLog;
import io.jenkins.plugins.imagepromotion.model.PublishOutcome;
import java.io.PrintStream;

/**
 * Runs one publish where it is called (on the agent, next to its engine), logging to the build log. Free of
 * Jenkins types. The same transport settings carry the credentials to the engine (for the push) and to the
 * registry lookup that pins the digest, together with the registry's CA or insecure setting for that lookup.
 */
public final class PublishTask {
    private PublishTask() {
    }

    /** @throws io.imagepromotion.core.error.ImagePromotionException for every failure the user can act on */
    public static PublishOutcome run(PublishArguments args, RegistryAccess access, PrintStream log) {
        return run(args, access, new PublishLog(log));
    }

    static PublishOutcome run(PublishArguments args, RegistryAccess access, PublishLog log) {
        PublishResult result = new ImagePublisher(access.transportSettings(), log).publish(args.toRequest());
        PublishOutcome outcome = PublishOutcome.from(result, args.image());
        log.published(outcome.pinnedReference());
        return outcome;
    }
}
