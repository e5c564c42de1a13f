package hudson;

import java.io.IOException;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/AbortException.java}.
 * In Pipeline, a step failing with it prints only the message, no stack trace. Omitted: the no-arg constructor.
 */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException(String message) {
        super(message);
    }
}
