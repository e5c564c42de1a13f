package io.jenkins.plugins.imagepromotion.agent;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.imagepromotion.core.error.ImagePromotionException;
import java.io.IOException;
import java.io.PrintStream;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs one registry task on the agent (or on the controller outside a node block), logging to the build log. Only
 * an engine error's one-line message crosses back: it names the image, engine or registry problem, is the whole
 * story for the user, and holds no secret.
 *
 * @param <V> what the task returns to the controller
 */
abstract class RegistryCallable<V> extends MasterToSlaveCallable<V, IOException> {
    private static final long serialVersionUID = 1L;

    private final RegistryAccess access;
    private final TaskListener listener;

    RegistryCallable(RegistryAccess access, TaskListener listener) {
        this.access = access;
        this.listener = listener;
    }

    @Override
    public final V call() throws IOException {
        try {
            return run(access, listener.getLogger());
        } catch (ImagePromotionException e) {
            throw new AbortException(UserErrors.oneLine(e));
        }
    }

    /** The task itself; it throws {@link ImagePromotionException} for every failure the user can act on. */
    abstract V run(RegistryAccess access, PrintStream log);
}
