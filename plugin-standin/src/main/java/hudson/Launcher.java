package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.remoting.VirtualChannel;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/Launcher.java}.
 * Only {@link #getChannel()}.
 */
public abstract class Launcher {
    private Launcher() {
    }

    @CheckForNull
    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
