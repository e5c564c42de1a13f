package hudson.remoting;

import java.io.IOException;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/remoting@3261.v9c670a_4748a_9:src/main/java/hudson/remoting/VirtualChannel.java}.
 * Only {@link #call(Callable)}.
 */
public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;
}
