package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Cause.java}. Only the nested {@link UserIdCause} with
 * {@link UserIdCause#getUserId()} (null for an anonymous start); omitted: every other member and subclass.
 */
public abstract class Cause {
    private Cause() {
    }

    public static class UserIdCause extends Cause {
        private UserIdCause() {
        }

        @CheckForNull
        public String getUserId() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
