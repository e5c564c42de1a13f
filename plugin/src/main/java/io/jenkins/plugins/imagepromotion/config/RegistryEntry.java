package io.jenkins.plugins.imagepromotion.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagepromotion.credentials.RegistryUris;
import io.jenkins.plugins.imagepromotion.form.CredentialsField;
import io.jenkins.plugins.imagepromotion.form.FieldChecks;
import io.jenkins.plugins.imagepromotion.form.FieldVerdict;
import io.jenkins.plugins.imagepromotion.form.Validations;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One registry host in the global configuration. Stored as typed; {@link #toSettings()} validates.
 */
public final class RegistryEntry extends AbstractDescribableImpl<RegistryEntry> {
    private final String host;
    private String credentialsId;
    private String caCertificate;
    private boolean insecure;
    private String tokenUsername;

    @DataBoundConstructor
    public RegistryEntry(String host) {
        this.host = host == null ? null : host.strip();
    }

    public String getHost() {
        return host;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankToNull(credentialsId);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = blankToNull(caCertificate);
    }

    public boolean isInsecure() {
        return insecure;
    }

    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public String getTokenUsername() {
        return tokenUsername;
    }

    @DataBoundSetter
    public void setTokenUsername(String tokenUsername) {
        this.tokenUsername = blankToNull(tokenUsername);
    }

    /** @throws io.imagepromotion.core.error.InvalidInputException naming the wrong field */
    public RegistrySettings toSettings() {
        return RegistrySettings.of(host, credentialsId, caCertificate, insecure, tokenUsername);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Extension
    @Symbol("registry")
    public static final class DescriptorImpl extends Descriptor<RegistryEntry> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Registry";
        }

        @POST
        public FormValidation doCheckHost(@QueryParameter String value) {
            return Validations.ifPermitted(null, () -> FieldChecks.registryHost(value));
        }

        @POST
        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            return Validations.ifPermitted(null, () -> FieldChecks.caCertificate(value));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String host, @QueryParameter String credentialsId) {
            return CredentialsField.fill(null, credentialsId, registryUri(host));
        }

        @POST
        public FormValidation doCheckCredentialsId(@QueryParameter String host, @QueryParameter String value) {
            return CredentialsField.check(null, value, registryUri(host));
        }

        private static String registryUri(String host) {
            return FieldChecks.registryHost(host).level() == FieldVerdict.Level.OK
                    ? RegistryUris.of(RegistrySettings.normalizeHost(host)) : null;
        }
    }
}
