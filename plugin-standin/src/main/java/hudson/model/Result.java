package hudson.model;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Result.java}. Only the constant {@link #ABORTED} (null here);
 * omitted: the other constants, {@code implements CustomExportedBean} and every method.
 */
public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final Result ABORTED = null;

    private Result() {
    }
}
