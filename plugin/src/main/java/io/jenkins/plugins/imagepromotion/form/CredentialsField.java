package io.jenkins.plugins.imagepromotion.form;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagepromotion.credentials.JenkinsCredentialLookup;
import io.jenkins.plugins.imagepromotion.credentials.JobUsableScope;
import io.jenkins.plugins.imagepromotion.credentials.RegistryUris;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.springframework.security.core.Authentication;

/**
 * The credentials drop-down and its check, shared by the steps and the global registry entries, following the
 * Credentials plugin's consumer guide: permission test first, then the credentials the job (or, globally, the
 * system) may use, restricted to the registry's domain when the image is known.
 */
public final class CredentialsField {
    private CredentialsField() {
    }

    /**
     * @param item        the job, or {@code null} on global pages
     * @param current     the selected id, kept in the list even when it no longer resolves
     * @param registryUri {@code https://host[:port]} of the registry, or {@code null} when unknown
     */
    public static ListBoxModel fill(Item item, String current, String registryUri) {
        String value = current == null ? "" : current;
        if (!FormPermissions.mayInspect(item)) {
            return new StandardListBoxModel().includeCurrentValue(value);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(authentication(item), item, StandardCredentials.class, requirements(registryUri),
                        CredentialsMatchers.allOf(JenkinsCredentialLookup.SUPPORTED_TYPES, JobUsableScope.INSTANCE))
                .includeCurrentValue(value);
    }

    public static FormValidation check(Item item, String value, String registryUri) {
        if (!FormPermissions.mayInspect(item)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        if (value.startsWith("${") && value.endsWith("}")) {
            return FormValidation.warning("Cannot validate expression based credentials");
        }
        if (CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, authentication(item),
                requirements(registryUri), CredentialsMatchers.allOf(CredentialsMatchers.withId(value.strip()),
                        JenkinsCredentialLookup.SUPPORTED_TYPES, JobUsableScope.INSTANCE)).isEmpty()) {
            return FormValidation.error("Cannot find these credentials as 'Username with password' or 'Secret text'"
                    + " usable for this registry by jobs (System-scoped credentials are not)");
        }
        return FormValidation.ok();
    }

    /** The drop-down of {@code signingKeyCredentialsId}: the "Secret file" credentials the job may use. */
    public static ListBoxModel fillSigningKeys(Item item, String current) {
        String value = current == null ? "" : current;
        if (!FormPermissions.mayInspect(item)) {
            return new StandardListBoxModel().includeCurrentValue(value);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(authentication(item), item, StandardCredentials.class, List.of(),
                        CredentialsMatchers.allOf(CredentialsMatchers.instanceOf(FileCredentials.class),
                                JobUsableScope.INSTANCE))
                .includeCurrentValue(value);
    }

    /** The check of {@code signingKeyCredentialsId}: a usable "Secret file", and only with an environment. */
    public static FormValidation checkSigningKey(Item item, String value, String environment) {
        if (!FormPermissions.mayInspect(item) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        if (environment == null || environment.isBlank()) {
            return FormValidation.error("The key signs the ledger records, which are written only for an"
                    + " environment: set Environment too");
        }
        if (value.startsWith("${") && value.endsWith("}")) {
            return FormValidation.warning("Cannot validate expression based credentials");
        }
        if (CredentialsProvider.listCredentialsInItem(StandardCredentials.class, item, authentication(item), List.of(),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(value.strip()),
                        CredentialsMatchers.instanceOf(FileCredentials.class), JobUsableScope.INSTANCE)).isEmpty()) {
            return FormValidation.error("Cannot find these credentials as a 'Secret file' this job may use");
        }
        return FormValidation.ok();
    }

    /** {@link #fill} for the registry of an image reference as typed in the form (any registry if it does not parse). */
    public static ListBoxModel fillForImage(Item item, String current, String image) {
        return fill(item, current, RegistryUris.forImage(image).orElse(null));
    }

    /** {@link #check} for the registry of an image reference as typed in the form (any registry if it does not parse). */
    public static FormValidation checkForImage(Item item, String value, String image) {
        return check(item, value, RegistryUris.forImage(image).orElse(null));
    }

    private static Authentication authentication(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    private static List<DomainRequirement> requirements(String registryUri) {
        return registryUri == null ? List.of() : URIRequirementBuilder.fromUri(registryUri).build();
    }
}
