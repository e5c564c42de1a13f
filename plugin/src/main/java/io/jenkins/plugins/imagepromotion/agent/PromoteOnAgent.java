package io.jenkins.plugins.imagepromotion.agent;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.imagepromotion.core.error.ImagePromotionException;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import java.io.IOException;
import jenkins.security.MasterToSlaveCallable;

/** Runs {@link PromotionTask} on the agent; image bytes flow between registries and the agent only. */
public final class PromoteOnAgent extends MasterToSlaveCallable<PromotionOutcome, IOException> {
    private static final long serialVersionUID = 1L;

    private final PromoteArguments arguments;
    private final RegistryAccess access;
    private final TaskListener listener;

    public PromoteOnAgent(PromoteArguments arguments, RegistryAccess access, TaskListener listener) {
        this.arguments = arguments;
        this.access = access;
        this.listener = listener;
    }

    @Override
    public PromotionOutcome call() throws IOException {
        try {
            return PromotionTask.run(arguments, access, listener.getLogger());
        } catch (ImagePromotionException e) {
            // Only the message crosses back: it is the whole story for the user, and holds no secret.
            throw new AbortException(UserErrors.oneLine(e));
        }
    }
}
