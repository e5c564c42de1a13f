package hudson.security;

import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/security/ACL.java}.
 * Only {@link #SYSTEM2} (null here).
 */
public abstract class ACL {
    public static final Authentication SYSTEM2 = null;

    private ACL() {
    }
}
