package io.imagepromotion.core.auth;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Credentials from a docker {@code config.json}: {@code credHelpers} for the registry first, then {@code auths}
 * entries ({@code auth} base64 or {@code username}/{@code password}, {@code identitytoken} and
 * {@code registrytoken}), then the {@code credsStore} helper. Helpers run as {@code docker-credential-<name> get},
 * the registry on stdin. Answers are cached per registry for the life of this object.
 */
public final class DockerConfigCredentials implements CredentialProvider {
    private static final int HELPER_TIMEOUT_SECONDS = 30;

    private final Path file;
    private final JsonValue config;
    private final HelperRunner helpers;
    private final Map<String, Credential> cache = new ConcurrentHashMap<>();

    /** Runs {@code docker-credential-<name> get}; replaceable so the lookup order can be tested without binaries. */
    @FunctionalInterface
    public interface HelperRunner {
        /** @return the helper's JSON answer, or empty when it knows no credentials for the registry */
        Optional<String> get(String helperName, String registry);
    }

    private DockerConfigCredentials(Path file, JsonValue config, HelperRunner helpers) {
        this.file = file;
        this.config = config;
        this.helpers = helpers;
    }

    public static DockerConfigCredentials load(Path file) {
        return load(file, DockerConfigCredentials::runHelper);
    }

    public static DockerConfigCredentials load(Path file, HelperRunner helpers) {
        try {
            JsonValue tree = JsonValue.parse(Files.readAllBytes(file));
            if (tree == null || !tree.isObject()) {
                throw new InvalidInputException("docker config " + file + " is not a JSON object");
            }
            return new DockerConfigCredentials(file, tree, helpers);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("docker config " + file + " does not exist; check the --authfile path");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read docker config " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(e.getClass().getSimpleName()));
        }
    }

    /**
     * The default location: {@code $DOCKER_CONFIG/config.json}, then {@code ~/.docker/config.json}; empty when
     * neither exists.
     */
    public static Optional<Path> defaultLocation(Map<String, String> environment, Path home) {
        String dockerConfig = environment.get("DOCKER_CONFIG");
        if (dockerConfig != null && !dockerConfig.isBlank()) {
            Path p = Path.of(dockerConfig, "config.json");
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        Path p = home.resolve(".docker").resolve("config.json");
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public Credential credentialFor(String registry) {
        String key = StaticCredentials.RegistryKeys.normalize(registry);
        return cache.computeIfAbsent(key, this::lookup);
    }

    private Credential lookup(String key) {
        JsonValue credHelpers = config.path("credHelpers");
        for (Map.Entry<String, JsonValue> e : credHelpers.fields().entrySet()) {
            if (StaticCredentials.RegistryKeys.normalize(e.getKey()).equals(key)) {
                return fromHelper(e.getValue().asText(), helperServerName(key));
            }
        }
        JsonValue auths = config.path("auths");
        for (Map.Entry<String, JsonValue> e : auths.fields().entrySet()) {
            if (StaticCredentials.RegistryKeys.normalize(e.getKey()).equals(key)) {
                Credential c = fromAuthEntry(e.getKey(), e.getValue());
                if (!(c instanceof Credential.Anonymous)) {
                    return c;
                }
            }
        }
        String store = config.path("credsStore").asText("");
        if (!store.isEmpty()) {
            return fromHelper(store, helperServerName(key));
        }
        return Credential.anonymous();
    }

    /** Docker stores Hub credentials under its historical index URL. */
    private static String helperServerName(String key) {
        return key.equals("docker.io") ? "https://index.docker.io/v1/" : key;
    }

    private Credential fromAuthEntry(String name, JsonValue entry) {
        String registryToken = entry.path("registrytoken").asText("");
        if (!registryToken.isEmpty()) {
            return Credential.registryToken(registryToken);
        }
        String identityToken = entry.path("identitytoken").asText("");
        String auth = entry.path("auth").asText("");
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("docker config " + file + ": the 'auth' entry for " + name + " is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new InvalidInputException("docker config " + file + ": the 'auth' entry for " + name
                        + " is not base64 of user:password");
            }
            user = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        if (!identityToken.isEmpty()) {
            // An identity token is a refresh token for the OAuth2 flow; registries that accept it via Basic use
            // the conventional user name "<token>".
            return Credential.usernamePassword(user.isEmpty() ? "<token>" : user, identityToken);
        }
        if (!user.isEmpty()) {
            return Credential.usernamePassword(user, password);
        }
        return Credential.anonymous();
    }

    private Credential fromHelper(String helper, String serverName) {
        Optional<String> answer = helpers.get(helper, serverName);
        if (answer.isEmpty()) {
            return Credential.anonymous();
        }
        try {
            JsonValue json = JsonValue.parse(answer.get().getBytes(StandardCharsets.UTF_8));
            String user = json.path("Username").asText("");
            String secret = json.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Credential.anonymous();
            }
            if (user.equals("<token>")) {
                return Credential.usernamePassword(user, secret);
            }
            return Credential.usernamePassword(user.isEmpty() ? "<token>" : user, secret);
        } catch (IOException e) {
            throw new InvalidInputException("credential helper docker-credential-" + helper + " answered with invalid JSON");
        }
    }

    private static Optional<String> runHelper(String helper, String serverName) {
        if (!helper.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidInputException("credential helper name '" + helper + "' is not a plain program name");
        }
        ProcessBuilder pb = new ProcessBuilder("docker-credential-" + helper, "get");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(serverName.getBytes(StandardCharsets.UTF_8));
            }
            // Read on another thread: a helper stuck on a keychain prompt must not outlive the timeout.
            java.util.concurrent.CompletableFuture<byte[]> stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (InputStream out = p.getInputStream()) {
                    return out.readNBytes(1024 * 1024);
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InvalidInputException("credential helper docker-credential-" + helper + " did not answer within "
                        + HELPER_TIMEOUT_SECONDS + " s");
            }
            byte[] out = stdout.join();
            if (p.exitValue() != 0) {
                // "credentials not found in native keychain" and the like: nothing for this registry.
                return Optional.empty();
            }
            return Optional.of(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException("credential helper docker-credential-" + helper + " named in the docker config"
                    + " cannot be run: " + e.getMessage() + "; install it or remove it from the config");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("interrupted while running docker-credential-" + helper);
        }
    }

    @Override
    public String toString() {
        return "docker config " + file;
    }
}
