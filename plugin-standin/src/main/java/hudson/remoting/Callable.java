package hudson.remoting;

import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/remoting@3261.v9c670a_4748a_9:src/main/java/hudson/remoting/Callable.java}.
 * Omitted: the default {@code getChannelOrFail()} / {@code getOpenChannelOrFail()} helpers.
 */
public interface Callable<V, T extends Throwable> extends Serializable, RoleSensitive {
    V call() throws T;
}
