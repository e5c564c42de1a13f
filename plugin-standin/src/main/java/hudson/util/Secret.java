package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/util/Secret.java}.
 * Only {@link #getPlainText()}.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private Secret() {
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
