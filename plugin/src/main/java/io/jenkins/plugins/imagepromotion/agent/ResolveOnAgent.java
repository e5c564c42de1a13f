package io.jenkins.plugins.imagepromotion.agent;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.imagepromotion.core.error.ImagePromotionException;
import java.io.IOException;
import jenkins.security.MasterToSlaveCallable;

/** Runs {@link ResolveTask} on the agent. */
public final class ResolveOnAgent extends MasterToSlaveCallable<String, IOException> {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final RegistryAccess access;
    private final TaskListener listener;

    public ResolveOnAgent(String image, RegistryAccess access, TaskListener listener) {
        this.image = image;
        this.access = access;
        this.listener = listener;
    }

    @Override
    public String call() throws IOException {
        try {
            return ResolveTask.run(image, access, listener.getLogger());
        } catch (ImagePromotionException e) {
            throw new AbortException(UserErrors.oneLine(e));
        }
    }
}
