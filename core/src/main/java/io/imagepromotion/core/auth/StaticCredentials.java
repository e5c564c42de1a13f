package io.imagepromotion.core.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Credentials given per registry (CLI flags, a Jenkins step's credentials snapshot). */
public final class StaticCredentials implements CredentialProvider {
    private final Map<String, Credential> byRegistry;

    private StaticCredentials(Map<String, Credential> byRegistry) {
        this.byRegistry = Map.copyOf(byRegistry);
    }

    public static StaticCredentials of(Map<String, Credential> byRegistry) {
        Map<String, Credential> normalized = new LinkedHashMap<>();
        byRegistry.forEach((k, v) -> normalized.put(RegistryKeys.normalize(k), v));
        return new StaticCredentials(normalized);
    }

    public static StaticCredentials single(String registry, Credential credential) {
        return of(Map.of(registry, credential));
    }

    @Override
    public Credential credentialFor(String registry) {
        return byRegistry.getOrDefault(RegistryKeys.normalize(registry), Credential.anonymous());
    }

    @Override
    public String toString() {
        return "credentials for " + byRegistry.keySet();
    }

    /** Registry keys as docker config.json writes them: scheme and path removed, Hub spellings merged. */
    static final class RegistryKeys {
        private RegistryKeys() {
        }

        static String normalize(String key) {
            String k = key.trim().toLowerCase(Locale.ROOT);
            int scheme = k.indexOf("://");
            if (scheme >= 0) {
                k = k.substring(scheme + 3);
            }
            int slash = k.indexOf('/');
            if (slash >= 0) {
                k = k.substring(0, slash);
            }
            if (k.equals("index.docker.io") || k.equals("registry-1.docker.io") || k.equals("registry.hub.docker.com")) {
                return "docker.io";
            }
            return k;
        }
    }
}
