package org.jenkinsci.remoting;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/remoting@3261.v9c670a_4748a_9:src/main/java/org/jenkinsci/remoting/RoleSensitive.java}.
 */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
