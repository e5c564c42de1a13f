package io.imagepromotion.cli;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.CredentialProvider;
import io.imagepromotion.core.auth.DockerConfigCredentials;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Options every command that talks to registries shares: credentials, trust, insecure hosts. */
final class RegistryOptions {
    // Names shared by the annotations and CopyArgumentParser, which reads ordinary copy arguments without picocli.
    static final String SOURCE_CREDENTIALS = "--src-creds";
    static final String TARGET_CREDENTIALS = "--dest-creds";
    static final String AUTH_FILE = "--authfile";
    static final String CA_CERTIFICATE = "--ca-cert";
    static final String INSECURE_REGISTRY = "--insecure-registry";
    static final String REQUEST_TIMEOUT = "--request-timeout";
    /** Longer would hide a typo (a bare 3000 is seconds) more than it would help a slow registry. */
    private static final java.time.Duration MAX_REQUEST_TIMEOUT = java.time.Duration.ofHours(1);

    @Option(names = SOURCE_CREDENTIALS, paramLabel = "USER[:PASS]",
            description = "Credentials for the source registry; without :PASS the password is read from stdin.")
    String sourceCredentials;

    @Option(names = TARGET_CREDENTIALS, paramLabel = "USER[:PASS]",
            description = "Credentials for the target registries; without :PASS the password is read from stdin.")
    String targetCredentials;

    @Option(names = AUTH_FILE, paramLabel = "FILE",
            description = "docker config.json to use (default: $DOCKER_CONFIG/config.json, then ~/.docker/config.json).")
    Path authFile;

    @Option(names = CA_CERTIFICATE, paramLabel = "FILE", description = "Extra trusted CA certificate, PEM (repeatable).")
    List<Path> caCertificates = new ArrayList<>();

    @Option(names = INSECURE_REGISTRY, paramLabel = "HOST[:PORT]",
            description = "Allow plain HTTP or unverified TLS for this registry (repeatable).")
    List<String> insecureRegistries = new ArrayList<>();

    // A string, converted in build(): CopyArgumentParser must leave exactly what picocli leaves.
    @Option(names = REQUEST_TIMEOUT, paramLabel = "DURATION",
            description = "How long one registry request may take: the answer's headers, then a small answer's whole"
                    + " body; a blob stream fails when no data arrives for this long (default 2m, at most 60m;"
                    + " e.g. 30s, 500ms, 2m).")
    String requestTimeout;

    /**
     * Settings for a copy from {@code source} to {@code targets}. Explicit flags win over the docker config; where
     * source and target share a registry, the target credentials are used (pushing needs them, and they can pull).
     */
    TransportSettings settings(PromoteMain.Console console, ImageReference source, List<ImageReference> targets) {
        Map<String, Credential> explicit = new LinkedHashMap<>();
        Credential src = parse(SOURCE_CREDENTIALS, sourceCredentials, console);
        Credential dest = parse(TARGET_CREDENTIALS, targetCredentials, console);
        if (src != null) {
            explicit.put(source.registry(), src);
        }
        if (dest != null) {
            for (ImageReference t : targets) {
                explicit.put(t.registry(), dest);
            }
        }
        return build(console, explicit);
    }

    private TransportSettings build(PromoteMain.Console console, Map<String, Credential> explicit) {
        CredentialProvider provider = StaticCredentials.of(explicit);
        Optional<DockerConfigCredentials> config = dockerConfig(console);
        if (config.isPresent()) {
            provider = provider.orElse(config.get());
        }
        TransportSettings.Builder builder = TransportSettings.builder().credentials(provider);
        caCertificates.forEach(builder::caCertificateFile);
        insecureRegistries.forEach(builder::insecureRegistry);
        if (requestTimeout != null) {
            builder.requestTimeout(requestTimeout());
        }
        return builder.build();
    }

    /**
     * Settings for commands that only read {@code refs} (history, status): {@code --src-creds}, else
     * {@code --dest-creds}, is used for each of their registries.
     */
    TransportSettings readingSettings(PromoteMain.Console console, List<ImageReference> refs) {
        Credential credential = parse(SOURCE_CREDENTIALS, sourceCredentials, console);
        if (credential == null) {
            credential = parse(TARGET_CREDENTIALS, targetCredentials, console);
        }
        Map<String, Credential> explicit = new LinkedHashMap<>();
        for (ImageReference ref : refs) {
            if (credential != null) {
                explicit.put(ref.registry(), credential);
            }
        }
        return build(console, explicit);
    }

    private java.time.Duration requestTimeout() {
        java.time.Duration d = CopyCommand.duration(REQUEST_TIMEOUT, requestTimeout);
        if (d.isZero() || d.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
            throw new InvalidInputException(REQUEST_TIMEOUT + " must be more than 0 and at most 60m, got '" + requestTimeout + "'");
        }
        return d;
    }

    private Optional<DockerConfigCredentials> dockerConfig(PromoteMain.Console console) {
        if (authFile != null) {
            return Optional.of(DockerConfigCredentials.load(authFile));
        }
        String home = console.environment().getOrDefault("HOME", System.getProperty("user.home"));
        return DockerConfigCredentials.defaultLocation(console.environment(), Path.of(home)).map(DockerConfigCredentials::load);
    }

    private static Credential parse(String option, String value, PromoteMain.Console console) {
        if (value == null) {
            return null;
        }
        int colon = value.indexOf(':');
        String user = colon < 0 ? value : value.substring(0, colon);
        if (user.isEmpty()) {
            throw new InvalidInputException(option + " needs a user name: USER[:PASS]");
        }
        String password;
        if (colon >= 0) {
            password = value.substring(colon + 1);
        } else {
            try {
                password = console.in().readLine();
            } catch (IOException e) {
                password = null;
            }
            if (password == null) {
                throw new InvalidInputException(option + " " + user + " has no password: give USER:PASS or pipe the password to stdin");
            }
        }
        return Credential.usernamePassword(user, password);
    }
}
