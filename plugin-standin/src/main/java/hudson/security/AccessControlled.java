package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/security/AccessControlled.java}.
 * Only the default {@link #hasPermission(Permission)}; omitted: {@code getACL()} and the check methods.
 */
public interface AccessControlled {
    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
