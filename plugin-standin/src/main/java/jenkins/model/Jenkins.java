package jenkins.model;

import edu.umd.cs.findbugs.annotations.Nullable;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.SecurityRealm;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/jenkins/model/Jenkins.java}.
 * Only {@link #get()}, {@link #getSecurityRealm()}, {@link #getRootUrl()} (null when no root URL is configured and no request is in progress;
 * it ends in {@code /} otherwise) and {@link #ADMINISTER}; omitted: {@code extends AbstractCIBase} and every other supertype
 * and member.
 */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;

    private Jenkins() {
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public SecurityRealm getSecurityRealm() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Nullable
    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
