package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/util/FormValidation.java}.
 * Only {@link #ok()}, {@link #warning(String)} and {@link #error(String)} (the real ones HTML-escape the message).
 */
public abstract class FormValidation extends IOException implements HttpResponse {
    private static final long serialVersionUID = 1L;

    private FormValidation() {
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
