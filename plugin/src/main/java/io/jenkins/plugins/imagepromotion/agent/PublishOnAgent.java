package io.jenkins.plugins.imagepromotion.agent;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.imagepromotion.core.error.ImagePromotionException;
import io.jenkins.plugins.imagepromotion.args.PublishArguments;
import io.jenkins.plugins.imagepromotion.model.PublishOutcome;
import java.io.IOException;
import jenkins.security.MasterToSlaveCallable;

/** Runs {@link PublishTask} on the agent, where the engine and the local image are. */
public final class PublishOnAgent extends MasterToSlaveCallable<PublishOutcome, IOException> {
    private static final long serialVersionUID = 1L;

    private final PublishArguments arguments;
    private final RegistryAccess access;
    private final TaskListener listener;

    public PublishOnAgent(PublishArguments arguments, RegistryAccess access, TaskListener listener) {
        this.arguments = arguments;
        this.access = access;
        this.listener = listener;
    }

    @Override
    public PublishOutcome call() throws IOException {
        try {
            return PublishTask.run(arguments, access, listener.getLogger());
        } catch (ImagePromotionException e) {
            // Only the message crosses back: it names the engine, image or registry problem, and holds no secret.
            throw new AbortException(UserErrors.oneLine(e));
        }
    }
}
