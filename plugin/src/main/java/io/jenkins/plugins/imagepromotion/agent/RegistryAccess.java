package io.jenkins.plugins.imagepromotion.agent;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.transport.TransportSettings;
import io.jenkins.plugins.imagepromotion.config.RegistryDirectory;
import io.jenkins.plugins.imagepromotion.config.RegistrySettings;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import io.jenkins.plugins.imagepromotion.log.SecretMask;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the agent needs to reach the registries of one step: a credential snapshot per registry and the
 * global settings (CA, insecure, token user) of the registries involved. Sent with the callable, never stored.
 */
public final class RegistryAccess implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String USER_AGENT = "image-promotion-jenkins-plugin";

    private final LinkedHashMap<String, RegistryCredentialSnapshot> credentials;
    private final ArrayList<RegistrySettings> settings;

    private RegistryAccess(Map<String, RegistryCredentialSnapshot> credentials, List<RegistrySettings> settings) {
        this.credentials = new LinkedHashMap<>(credentials);
        this.settings = new ArrayList<>(settings);
    }

    /**
     * @param credentials snapshot per registry ({@code host[:port]} as in references); registries not named are anonymous
     * @param settings    the global settings of the registries involved
     */
    public static RegistryAccess of(Map<String, RegistryCredentialSnapshot> credentials, List<RegistrySettings> settings) {
        return new RegistryAccess(credentials, settings);
    }

    /** The engine's transport settings. Built on the agent, where the secrets are used. */
    public TransportSettings transportSettings() {
        Map<String, Credential> byRegistry = new LinkedHashMap<>();
        credentials.forEach((registry, snapshot) -> byRegistry.put(registry, snapshot.toCredential(tokenUsername(registry))));
        TransportSettings.Builder builder = TransportSettings.builder()
                .credentials(StaticCredentials.of(byRegistry))
                .userAgent(USER_AGENT);
        for (RegistrySettings s : settings) {
            if (s.insecure()) {
                builder.insecureRegistry(s.host());
            }
            if (s.caCertificatePem() != null) {
                builder.caCertificatePem(s.caCertificatePem());
            }
        }
        return builder.build();
    }

    /** Every secret this access carries, in the forms the engine sends it, for masking the build log. */
    public SecretMask secretMask() {
        List<String> forms = new ArrayList<>();
        credentials.forEach((registry, snapshot) -> forms.addAll(snapshot.secretForms(tokenUsername(registry))));
        return SecretMask.of(forms);
    }

    private String tokenUsername(String registry) {
        return RegistryDirectory.of(settings).find(registry).map(RegistrySettings::tokenUsername).orElse(null);
    }

    /** One line per registry saying which credentials id is used, for the build log. */
    public List<String> describe(List<String> registries) {
        List<String> lines = new ArrayList<>();
        for (String registry : registries) {
            RegistryCredentialSnapshot snapshot = credentials.get(registry);
            lines.add("Registry " + registry + ": " + (snapshot == null ? "anonymous" : "credentials '" + snapshot.credentialsId() + "'"));
        }
        return lines;
    }

    @Override
    public String toString() {
        return "registry access " + credentials.values() + " " + settings;
    }
}
