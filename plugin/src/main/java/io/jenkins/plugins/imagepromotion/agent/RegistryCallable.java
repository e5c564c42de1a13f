package io.jenkins.plugins.imagepromotion.agent;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.imagepromotion.core.error.ImagePromotionException;
import io.jenkins.plugins.imagepromotion.log.SecretMask;
import java.io.IOException;
import java.io.PrintStream;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs one registry task on the agent (or on the controller outside a node block), logging to the build log. Only
 * an engine error's one-line message crosses back: it names the image, engine or registry problem and is the whole
 * story for the user.
 *
 * <p>Every line the task writes and every failure it throws pass through the {@link SecretMask} of the secrets this
 * callable carries, here where they are used: the engine never prints a secret, but a registry's error text (which
 * the engine quotes) or a library's exception may hold one, e.g. an echoed {@code Authorization} header.
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
        SecretMask mask = secretMask();
        PrintStream log = mask.stream(listener.getLogger());
        try {
            return run(access, log);
        } catch (ImagePromotionException e) {
            throw new AbortException(mask.apply(UserErrors.oneLine(e)));
        } catch (RuntimeException e) {
            // A library's exception (docker-java's, the JDK's): unchanged unless its text shows a secret.
            Throwable clean = mask.clean(e);
            if (clean instanceof RuntimeException unchanged) {
                throw unchanged;
            }
            throw (IOException) clean;
        } finally {
            log.close();
        }
    }

    /** The secrets to mask: those of the registry credentials; a callable carrying more adds them. */
    SecretMask secretMask() {
        return access.secretMask();
    }

    /** The task itself; it throws {@link ImagePromotionException} for every failure the user can act on. */
    abstract V run(RegistryAccess access, PrintStream log);
}
