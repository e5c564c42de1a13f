package jenkins.security;

import hudson.remoting.Callable;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/jenkins/security/MasterToSlaveCallable.java}
 * (the real {@code checkRoles} requires the agent role).
 */
public abstract class MasterToSlaveCallable<V, T extends Throwable> implements Callable<V, T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
