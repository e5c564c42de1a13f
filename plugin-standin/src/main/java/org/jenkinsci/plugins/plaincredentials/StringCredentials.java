package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/plain-credentials-plugin@199.v9f8e1f741799:src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java}.
 * Omitted: {@code @NameWith(StringCredentials.NameProvider.class)} and the nested {@code NameProvider}.
 */
public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
