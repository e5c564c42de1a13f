package io.jenkins.plugins.imagepromotion.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Accepts the credentials a build can resolve: not {@link CredentialsScope#SYSTEM}. A system-scoped credential is
 * visible to Jenkins itself (so the global configuration page lists it), but {@code findCredentialById} in a build
 * never returns it, so a registry default that names one would fail every step. Drop-downs and checks offer only
 * what the step can resolve.
 */
public final class JobUsableScope implements CredentialsMatcher {
    private static final long serialVersionUID = 1L;

    public static final JobUsableScope INSTANCE = new JobUsableScope();

    private JobUsableScope() {
    }

    @Override
    public boolean matches(@NonNull Credentials item) {
        return item.getScope() != CredentialsScope.SYSTEM;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
