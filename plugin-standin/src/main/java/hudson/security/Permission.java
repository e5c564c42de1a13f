package hudson.security;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/security/Permission.java},
 * only as a type. Omitted: every member.
 */
public final class Permission {
    private Permission() {
    }
}
