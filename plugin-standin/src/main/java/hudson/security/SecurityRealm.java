package hudson.security;

import jenkins.model.IdStrategy;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/security/SecurityRealm.java}. Only {@link #getUserIdStrategy()}
 * (default {@code IdStrategy.CASE_INSENSITIVE}) and {@link #getGroupIdStrategy()} (default: the user strategy), as
 * {@code InputStepExecution.canSettle} matches submitters; omitted: {@code extends AbstractDescribableImpl} and every
 * other member.
 */
public abstract class SecurityRealm {
    private SecurityRealm() {
    }

    public IdStrategy getUserIdStrategy() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public IdStrategy getGroupIdStrategy() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
