package io.imagepromotion.publish;

import io.imagepromotion.core.error.InvalidInputException;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Docker-compatible engine listens: {@code unix:///path/to.sock} or {@code tcp://host:port} (plain HTTP).
 * Chosen from an explicit URI, else the {@code DOCKER_HOST} of the given environment, else Docker's default socket.
 *
 * @param uri    normalized URI, {@code unix:///...} or {@code tcp://host:port}
 * @param source where the URI came from, for error messages ({@code --docker-host}, {@code DOCKER_HOST}, default)
 */
public record DockerHost(URI uri, String source) implements Serializable {
    public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";
    public static final String ENV = "DOCKER_HOST";
    /** sun_path in sockaddr_un is 108 bytes including the terminating NUL. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    public DockerHost {
        if (uri == null || source == null) {
            throw new IllegalArgumentException("uri and source are required");
        }
    }

    /**
     * @param explicit    a URI given by the user (CLI option, step parameter), or null/blank for none
     * @param environment the environment of the build or process; its {@code DOCKER_HOST} is used when explicit is absent
     */
    public static DockerHost resolve(String explicit, Map<String, String> environment) {
        return resolve(explicit, "the given docker host", environment);
    }

    /**
     * @param explicitSource how the user gave {@code explicit}, for messages: {@code --docker-host}, {@code dockerHost}
     */
    public static DockerHost resolve(String explicit, String explicitSource, Map<String, String> environment) {
        if (explicit != null && !explicit.isBlank()) {
            return parse(explicit.strip(), explicitSource, environment);
        }
        String fromEnv = environment.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return parse(fromEnv.strip(), ENV, environment);
        }
        return parse(DEFAULT_SOCKET, "the default Docker socket (DOCKER_HOST is not set)", environment);
    }

    /** Parses {@code unix:///path} or {@code tcp://host:port}; the error names what is wrong and what to write. */
    public static DockerHost parse(String text, String source) {
        return parse(text, source, Map.of());
    }

    private static DockerHost parse(String text, String source, Map<String, String> environment) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(text, source, "it is not a URI (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "unix" -> {
                String path = uri.getPath();
                if (uri.getAuthority() != null || path == null || !path.startsWith("/")) {
                    throw invalid(text, source, "a unix socket needs an absolute path: unix:///run/podman/podman.sock");
                }
                if (path.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
                    throw invalid(text, source, "the socket path is longer than the " + MAX_SOCKET_PATH_BYTES
                            + " bytes a unix socket address can hold; use a shorter path or a symlink");
                }
                return new DockerHost(URI.create("unix://" + Path.of(path).normalize()), source);
            }
            case "tcp", "http" -> {
                if (uri.getHost() == null || uri.getPort() < 0) {
                    throw invalid(text, source, "a TCP engine needs host and port: tcp://127.0.0.1:2375");
                }
                if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
                    throw invalid(text, source, "remove the path '" + uri.getPath() + "'; write tcp://host:port");
                }
                String tlsVerify = environment.get("DOCKER_TLS_VERIFY");
                if (tlsVerify != null && !tlsVerify.isEmpty()) {
                    throw invalid(text, source, "DOCKER_TLS_VERIFY is set, but TLS to the engine is not supported yet;"
                            + " use a unix socket or a plain tcp:// endpoint on this machine");
                }
                return new DockerHost(URI.create("tcp://" + uri.getHost() + ":" + uri.getPort()), source);
            }
            case "https" -> throw invalid(text, source, "TLS to the engine is not supported yet;"
                    + " use a unix socket or a plain tcp:// endpoint on this machine");
            case "ssh", "npipe" -> throw invalid(text, source, scheme + ":// engines are not supported;"
                    + " use unix:///path/to.sock or tcp://host:port");
            default -> throw invalid(text, source, "expected unix:///path/to.sock or tcp://host:port");
        }
    }

    private static InvalidInputException invalid(String text, String source, String problem) {
        return new InvalidInputException("invalid Docker host '" + text + "' from " + source + ": " + problem);
    }

    public boolean isUnixSocket() {
        return uri.getScheme().equals("unix");
    }

    /** The socket file, for unix hosts. */
    public Path socketPath() {
        if (!isUnixSocket()) {
            throw new IllegalStateException(uri + " is not a unix socket");
        }
        return Path.of(uri.getPath());
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
