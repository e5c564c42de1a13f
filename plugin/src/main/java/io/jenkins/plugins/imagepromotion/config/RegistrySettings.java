package io.jenkins.plugins.imagepromotion.config;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Settings for one registry host from the global configuration: the default credentials id, an extra CA
 * certificate, whether plain HTTP / unverified TLS is allowed, and the user name that secret-text tokens are sent
 * with. Validated when created; serializable because the CA and TLS settings travel to the agent.
 */
public final class RegistrySettings implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> DOCKER_HUB_ALIASES = Set.of("index.docker.io", "registry-1.docker.io");

    private final String host;
    private final String credentialsId;
    private final String caCertificatePem;
    private final boolean insecure;
    private final String tokenUsername;

    private RegistrySettings(String host, String credentialsId, String caCertificatePem, boolean insecure,
                             String tokenUsername) {
        this.host = host;
        this.credentialsId = credentialsId;
        this.caCertificatePem = caCertificatePem;
        this.insecure = insecure;
        this.tokenUsername = tokenUsername;
    }

    /**
     * @param host          {@code host} or {@code host:port} as written in image references
     * @param credentialsId default credentials id for this host, or blank
     * @param caCertificatePem PEM certificate(s) to trust for this host, or blank
     * @throws InvalidInputException naming the field that is wrong
     */
    public static RegistrySettings of(String host, String credentialsId, String caCertificatePem, boolean insecure,
                                      String tokenUsername) {
        String normalizedHost = normalizeHost(host);
        String pem = blankToNull(caCertificatePem);
        if (pem != null) {
            checkCertificate(normalizedHost, pem);
        }
        return new RegistrySettings(normalizedHost, blankToNull(credentialsId), pem, insecure, blankToNull(tokenUsername));
    }

    /** {@code host[:port]} in the form references use; rejects schemes, paths and anything else. */
    public static String normalizeHost(String host) {
        if (host == null || host.isBlank()) {
            throw new InvalidInputException("registry host is empty: write host or host:port, e.g. registry.example.com:5000");
        }
        String h = host.strip();
        if (h.contains("://") || h.contains("/") || h.contains("@")) {
            throw new InvalidInputException("registry host '" + h + "' must be host or host:port only, without scheme or path");
        }
        ImageReference probe;
        try {
            probe = ImageReference.parse(h + "/probe:probe");
        } catch (InvalidInputException e) {
            throw new InvalidInputException("registry host '" + h + "' is not valid: " + e.getMessage());
        }
        String lower = h.toLowerCase(Locale.ROOT);
        if (!probe.registry().equals(lower) && !DOCKER_HUB_ALIASES.contains(lower)) {
            throw new InvalidInputException("registry host '" + h + "' is not a host name (it needs a '.' or a port, or be localhost)");
        }
        return probe.registry();
    }

    private static void checkCertificate(String host, String pem) {
        try {
            TransportSettings.builder().caCertificatePem(pem).build();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("CA certificate for " + host + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String host() {
        return host;
    }

    /** Default credentials id, or {@code null}. */
    public String credentialsId() {
        return credentialsId;
    }

    /** PEM text of CA certificates to trust, or {@code null}. */
    public String caCertificatePem() {
        return caCertificatePem;
    }

    public boolean insecure() {
        return insecure;
    }

    /** User name for secret-text tokens, or {@code null} to send them as bearer tokens. */
    public String tokenUsername() {
        return tokenUsername;
    }

    /** The part before a port, for matching entries written without one. */
    String hostName() {
        if (host.startsWith("[")) {
            return host.substring(0, host.indexOf(']') + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    boolean hasPort() {
        return !hostName().equals(host);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistrySettings other && host.equals(other.host)
                && Objects.equals(credentialsId, other.credentialsId)
                && Objects.equals(caCertificatePem, other.caCertificatePem) && insecure == other.insecure
                && Objects.equals(tokenUsername, other.tokenUsername);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, credentialsId, caCertificatePem, insecure, tokenUsername);
    }

    @Override
    public String toString() {
        return host + (credentialsId == null ? "" : " credentials '" + credentialsId + "'")
                + (caCertificatePem == null ? "" : " with CA") + (insecure ? " insecure" : "")
                + (tokenUsername == null ? "" : " token user " + tokenUsername);
    }
}
