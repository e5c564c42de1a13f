package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/queue/Tasks.java}.
 * Only {@link #getAuthenticationOf2(Queue.Task)}.
 */
public class Tasks {
    private Tasks() {
    }

    @NonNull
    public static Authentication getAuthenticationOf2(@NonNull Queue.Task t) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
