package io.imagepromotion.publish;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few engine API calls a publish needs, over docker-java with the Apache HttpClient 5 transport (the only one
 * the Jenkins docker-java-api plugin supports).
 *
 * <p>Two HTTP clients: short requests (ping, inspect, tag) give up after {@link #REQUEST_TIMEOUT}; the push stream
 * may stay silent for as long as the push takes (podman reports nothing between "The push refers to" and the final
 * digest line), so its read timeout is the whole push timeout.
 */
final class EngineConnection implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Docker and podman both end a successful push with "TAG: digest: sha256:... size: N". */
    private static final Pattern DIGEST_LINE = Pattern.compile("(?:^|\\s)digest: (sha256:[a-f0-9]{64})(?:\\s|$)");

    private final DockerHost host;
    private final DockerHttpClient requestHttp;
    private final DockerHttpClient pushHttp;
    private final DockerClient requests;
    private final DockerClient pushes;

    private EngineConnection(DockerHost host, Duration pushTimeout) {
        this.host = host;
        EngineClientConfig config = new EngineClientConfig(host.uri());
        this.requestHttp = http(host, REQUEST_TIMEOUT);
        this.pushHttp = http(host, pushTimeout);
        this.requests = DockerClientImpl.getInstance(config, requestHttp);
        this.pushes = DockerClientImpl.getInstance(config, pushHttp);
    }

    private static DockerHttpClient http(DockerHost host, Duration responseTimeout) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(host.uri())
                .maxConnections(4)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(responseTimeout)
                .build();
    }

    /** Connects and pings; a missing socket or a silent port is reported before any other request. */
    static EngineConnection open(DockerHost host, Duration pushTimeout) {
        if (host.isUnixSocket() && !Files.exists(host.socketPath())) {
            throw new EngineUnavailableException("no Docker engine at " + host + " (from " + host.source()
                    + "): the socket " + host.socketPath() + " does not exist; start the engine (dockerd, or"
                    + " 'podman system service'), or point DOCKER_HOST / --docker-host at the engine's socket", null);
        }
        EngineConnection connection = new EngineConnection(host, pushTimeout);
        try {
            connection.ping();
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void ping() {
        try {
            requests.pingCmd().exec();
        } catch (DockerException e) {
            throw new EngineUnavailableException("the service at " + host + " (from " + host.source()
                    + ") is not a Docker engine API: _ping answered HTTP " + e.getHttpStatus(), e);
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("no Docker engine answers at " + host + " (from " + host.source()
                    + "): " + rootMessage(e) + "; start the engine, or point DOCKER_HOST / --docker-host at it", e);
        }
    }

    /** "Podman Engine 4.3.1 (API 1.41)", or the version alone when the engine names no components. */
    String describe() {
        try {
            Version version = requests.versionCmd().exec();
            String name = version.getComponents() == null || version.getComponents().isEmpty()
                    ? "Docker Engine" : version.getComponents().get(0).getName();
            return name + " " + version.getVersion() + " (API " + version.getApiVersion() + ")";
        } catch (RuntimeException e) {
            return "engine (version unknown: " + rootMessage(e) + ")";
        }
    }

    /** The image's ID, or {@link LocalImageNotFoundException}. */
    String imageId(String localImage) {
        InspectImageResponse image;
        try {
            image = requests.inspectImageCmd(localImage).exec();
        } catch (NotFoundException e) {
            throw new LocalImageNotFoundException("local image '" + localImage + "' not found in the engine at " + host
                    + ": build it there first (docker build -t " + localImage + " .), or name an image that"
                    + " 'docker images' lists", localImage);
        } catch (DockerException e) {
            if (e.getHttpStatus() == 400) {
                throw new InvalidInputException("the engine at " + host + " does not accept '" + localImage
                        + "' as an image name: " + engineText(e));
            }
            throw new PushFailedException("the engine at " + host + " could not inspect '" + localImage + "': "
                    + engineText(e), null, engineText(e), e);
        } catch (RuntimeException e) {
            throw lostEngine(e);
        }
        return Objects.requireNonNull(image.getId(), "engine returned an image without Id");
    }

    /** {@code docker tag IMAGE_ID host/repo:tag}, replacing an existing tag of that name in the engine. */
    void tag(String imageId, ImageReference target) {
        try {
            requests.tagImageCmd(imageId, engineRepository(target), target.tag()).withForce(true).exec();
        } catch (DockerException e) {
            throw new PushFailedException("the engine at " + host + " could not tag " + imageId + " as " + target + ": "
                    + engineText(e), target.toString(), engineText(e), e);
        } catch (RuntimeException e) {
            throw lostEngine(e);
        }
    }

    /** What the push stream said: the digest, when the engine named one. */
    record PushOutcome(Digest reportedDigest) {
    }

    /**
     * Pushes {@code target} and reads the whole stream. Errors inside the stream (the HTTP status is 200 by then) are
     * turned into {@link PushFailedException}, like HTTP errors.
     */
    PushOutcome push(ImageReference target, AuthConfig auth, Duration timeout, Consumer<String> statusSink) {
        PushStream stream = new PushStream(statusSink);
        try {
            pushes.pushImageCmd(engineRepository(target)).withTag(target.tag()).withAuthConfig(auth).exec(stream);
            if (!stream.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PushFailedException("pushing " + target + " did not finish within " + timeout
                        + "; the engine may still be pushing, and the tag may or may not be written", target.toString(),
                        null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailedException("interrupted while pushing " + target + "; the engine may still be pushing",
                    target.toString(), null, e);
        } catch (DockerException e) {
            throw new PushFailedException("the engine at " + host + " refused to push " + target + ": " + engineText(e),
                    target.toString(), engineText(e), e);
        } catch (PushFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw lostEngine(e);
        } finally {
            closeQuietly(stream);
        }
        if (stream.error != null) {
            throw new PushFailedException("the push of " + target + " failed: " + stream.error + hint(stream.error, target),
                    target.toString(), stream.error, null);
        }
        return new PushOutcome(stream.digest);
    }

    /** The repository as the engine names it: the registry spelled out, so docker.io images are not ambiguous. */
    static String engineRepository(ImageReference target) {
        return target.registry() + "/" + target.repository();
    }

    private static String hint(String engineError, ImageReference target) {
        String lower = engineError.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("unauthorized") || lower.contains("authentication required") || lower.contains("denied")
                || lower.contains("forbidden") || lower.contains("insufficient_scope")) {
            return " (the registry refused the credentials for " + target.registry()
                    + ": check them and that they may push to " + target.repository() + ")";
        }
        if (lower.contains("http response to https client") || lower.contains("x509") || lower.contains("certificate")) {
            return " (the engine does not trust " + target.registry() + ": add its CA to the engine, or list it as an"
                    + " insecure registry in the engine's configuration)";
        }
        if (lower.contains("connection refused") || lower.contains("no such host") || lower.contains("i/o timeout")) {
            return " (the engine cannot reach " + target.registry() + ")";
        }
        return "";
    }

    private EngineUnavailableException lostEngine(RuntimeException e) {
        return new EngineUnavailableException("lost the Docker engine at " + host + ": " + rootMessage(e), e);
    }

    /** The engine's message from a docker-java HTTP error, without the "Status 404: " prefix and JSON wrapping. */
    static String engineText(DockerException e) {
        String message = String.valueOf(e.getMessage());
        int brace = message.indexOf('{');
        if (brace >= 0) {
            try {
                com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(message.substring(brace));
                String text = json.path("message").asText("");
                if (!text.isEmpty()) {
                    return text;
                }
            } catch (IOException notJson) {
                // fall through to the raw message
            }
        }
        return message.strip();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing a finished stream or an idle pool has nothing left to report
        }
    }

    @Override
    public void close() {
        closeQuietly(requests);
        closeQuietly(pushes);
        closeQuietly(requestHttp);
        closeQuietly(pushHttp);
    }

    /**
     * Collects the push stream: the first error item, the reported digest, and status lines that changed. Docker
     * sends the digest twice (status text and an {@code aux} object); podman only as status text.
     */
    static final class PushStream extends ResultCallback.Adapter<PushResponseItem> {
        private final Consumer<String> statusSink;
        private final Map<String, String> lastStatusById = new HashMap<>();
        volatile String error;
        volatile Digest digest;

        PushStream(Consumer<String> statusSink) {
            this.statusSink = statusSink;
        }

        @Override
        public void onNext(PushResponseItem item) {
            if (item.isErrorIndicated()) {
                if (error == null) {
                    String message = item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : null;
                    String text = message != null && !message.isBlank() ? message : String.valueOf(item.getError());
                    // podman lists registry errors one per line ("errors:\ndenied: ...\nunauthorized: ..."): one line.
                    error = text.strip().replaceAll(":\\s*\\n\\s*", ": ").replaceAll("\\s*\\n\\s*", "; ");
                }
                return;
            }
            if (item.getAux() != null && item.getAux().getDigest() != null) {
                digest = Digest.parse(item.getAux().getDigest());
            }
            String status = item.getStatus();
            if (status == null || status.isBlank()) {
                return;
            }
            Matcher m = DIGEST_LINE.matcher(status);
            if (m.find() && digest == null) {
                digest = Digest.parse(m.group(1));
            }
            String id = item.getId() == null ? "" : item.getId();
            // Docker repeats "Pushing" with a progress bar for every chunk; report a layer's status only when it changes.
            if (!status.equals(lastStatusById.put(id, status))) {
                statusSink.accept(id.isEmpty() ? status : id + ": " + status);
            }
        }
    }
}
