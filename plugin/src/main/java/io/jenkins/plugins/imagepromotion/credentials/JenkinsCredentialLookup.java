package io.jenkins.plugins.imagepromotion.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Run;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Resolves a credentials id on the controller, in the context of the build (its authentication, credential
 * parameters, folder stores, the registry's domain), records the use, and copies the secret values into a
 * {@link RegistryCredentialSnapshot}. Nothing else of the credential leaves the controller.
 */
public final class JenkinsCredentialLookup {
    /** The credential types a registry step accepts, for lookups and drop-downs. */
    public static final CredentialsMatcher SUPPORTED_TYPES = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
            CredentialsMatchers.instanceOf(StringCredentials.class));

    private JenkinsCredentialLookup() {
    }

    public static RegistryCredentialSnapshot snapshot(Run<?, ?> run, CredentialAssignment.Assignment assignment)
            throws AbortException {
        String id = assignment.credentialsId();
        StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run,
                URIRequirementBuilder.fromUri(RegistryUris.of(assignment.registry())).build());
        if (found == null) {
            throw new AbortException("could not find " + assignment.describe()
                    + ": check the id, its domain, and that this job may use it");
        }
        // findCredentialById tracks only credential parameters; plain ids are tracked here.
        CredentialsProvider.track(run, found);
        if (found instanceof StandardUsernamePasswordCredentials usernamePassword) {
            return RegistryCredentialSnapshot.usernamePassword(id, usernamePassword.getUsername(),
                    usernamePassword.getPassword().getPlainText());
        }
        if (found instanceof StringCredentials secretText) {
            return RegistryCredentialSnapshot.secretText(id, secretText.getSecret().getPlainText());
        }
        throw new AbortException(assignment.describe() + " are of type " + found.getClass().getSimpleName()
                + "; use 'Username with password' or 'Secret text'");
    }
}
