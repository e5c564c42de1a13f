package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.PrintStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/TaskListener.java}.
 * Only {@link #getLogger()}; a TaskListener may be sent to an agent inside a callable.
 */
public interface TaskListener extends SerializableOnlyOverRemoting {
    @NonNull
    PrintStream getLogger();
}
