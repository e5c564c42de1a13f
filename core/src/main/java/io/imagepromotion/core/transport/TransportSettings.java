package io.imagepromotion.core.transport;

import io.imagepromotion.core.auth.CredentialProvider;
import io.imagepromotion.core.error.InvalidInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How to reach registries: credentials, trust, which hosts may be plain HTTP or unverified TLS, retries, timeouts and
 * blob concurrency. Immutable; validated when built.
 *
 * <p>Transport policy per registry: HTTPS verified against the system trust store plus {@link #caCertificatesPem()}.
 * Loopback hosts ({@code localhost}, 127.0.0.0/8, {@code ::1}) may fall back to plain HTTP when they do not speak
 * TLS. Hosts in {@link #insecureRegistries()} may use plain HTTP or TLS without verification. No other host ever
 * gets either.
 */
public final class TransportSettings {
    private final CredentialProvider credentials;
    private final Set<String> insecureRegistries;
    private final List<String> caCertificatesPem;
    private final RetryPolicy retryPolicy;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int blobConcurrency;
    private final int chunkSize;
    private final String userAgent;

    private TransportSettings(Builder b) {
        this.credentials = b.credentials;
        this.insecureRegistries = Set.copyOf(b.insecureRegistries);
        this.caCertificatesPem = List.copyOf(b.caCertificatesPem);
        this.retryPolicy = b.retryPolicy;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.blobConcurrency = b.blobConcurrency;
        this.chunkSize = b.chunkSize;
        this.userAgent = b.userAgent;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static TransportSettings defaults() {
        return builder().build();
    }

    public CredentialProvider credentials() {
        return credentials;
    }

    public Set<String> insecureRegistries() {
        return insecureRegistries;
    }

    public List<String> caCertificatesPem() {
        return caCertificatesPem;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Timeout for one request's response headers and small bodies; blob streams are bounded by progress, not this. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int blobConcurrency() {
        return blobConcurrency;
    }

    /** Chunk size for registries that refuse monolithic uploads (413); chunks stream, so this is not memory. */
    public int chunkSize() {
        return chunkSize;
    }

    public String userAgent() {
        return userAgent;
    }

    /** Whether {@code registry} ({@code host[:port]}) was named insecure, with or without its port. */
    public boolean isInsecure(String registry) {
        String r = registry.toLowerCase(Locale.ROOT);
        if (insecureRegistries.contains(r)) {
            return true;
        }
        int colon = r.lastIndexOf(':');
        return colon > 0 && !r.endsWith("]") && insecureRegistries.contains(r.substring(0, colon));
    }

    public static final class Builder {
        private CredentialProvider credentials = CredentialProvider.anonymous();
        private final Set<String> insecureRegistries = new LinkedHashSet<>();
        private final List<String> caCertificatesPem = new ArrayList<>();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Duration requestTimeout = Duration.ofMinutes(2);
        private int blobConcurrency = 4;
        private int chunkSize = 8 * 1024 * 1024;
        private String userAgent = "image-promotion/0.1";

        private Builder() {
        }

        public Builder credentials(CredentialProvider provider) {
            this.credentials = provider;
            return this;
        }

        /** {@code host} or {@code host:port}; allows plain HTTP or unverified TLS for it. */
        public Builder insecureRegistry(String registry) {
            if (registry == null || registry.isBlank() || registry.contains("/")) {
                throw new InvalidInputException("insecure registry '" + registry + "' must be HOST or HOST:PORT");
            }
            insecureRegistries.add(registry.trim().toLowerCase(Locale.ROOT));
            return this;
        }

        public Builder caCertificatePem(String pem) {
            if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new InvalidInputException("CA certificate is not PEM: expected '-----BEGIN CERTIFICATE-----'");
            }
            caCertificatesPem.add(pem);
            return this;
        }

        public Builder caCertificateFile(Path file) {
            String pem;
            try {
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read CA certificate file " + file + ": " + e.getMessage());
            }
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new InvalidInputException("CA certificate file " + file + " holds no PEM certificate");
            }
            caCertificatesPem.add(pem);
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = policy;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder blobConcurrency(int concurrency) {
            this.blobConcurrency = concurrency;
            return this;
        }

        public Builder chunkSize(int bytes) {
            this.chunkSize = bytes;
            return this;
        }

        public Builder userAgent(String agent) {
            this.userAgent = agent;
            return this;
        }

        public TransportSettings build() {
            if (credentials == null) {
                throw new InvalidInputException("credentials provider must not be null");
            }
            if (blobConcurrency < 1 || blobConcurrency > 64) {
                throw new InvalidInputException("blob concurrency must be between 1 and 64, got " + blobConcurrency);
            }
            if (chunkSize < 1024) {
                throw new InvalidInputException("upload chunk size must be at least 1024 bytes, got " + chunkSize);
            }
            if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new InvalidInputException("timeouts must be positive");
            }
            // Fail now, not at the first HTTPS request, when a CA certificate does not parse.
            TlsContexts.parseCertificates(caCertificatesPem);
            return new TransportSettings(this);
        }
    }
}
