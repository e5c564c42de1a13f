package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/security/AccessControlled.java}.
 * Only the defaults {@link #hasPermission(Permission)}, {@link #hasPermission2(Authentication, Permission)} (true for
 * {@code ACL.SYSTEM2}) and {@link #checkPermission(Permission)} (Spring's {@code AccessDeniedException}); omitted:
 * {@code getACL()} and the other check methods.
 */
public interface AccessControlled {
    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    default boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
