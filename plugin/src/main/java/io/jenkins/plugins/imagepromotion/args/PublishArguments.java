package io.jenkins.plugins.imagepromotion.args;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.publish.DockerHost;
import io.imagepromotion.publish.PublishRequest;
import java.io.Serializable;
import java.util.Map;

/**
 * The validated arguments of {@code publishImage}, without credentials. Built on the controller from what the
 * pipeline typed and the step's environment (whose {@code DOCKER_HOST} picks the engine when {@code dockerHost} is
 * not given), so mistakes fail before anything reaches the agent. Only strings travel; {@link #toRequest()} builds
 * the publish module's request again on the agent.
 */
public final class PublishArguments implements Serializable {
    private static final long serialVersionUID = 1L;
    /** How the explicit engine address is named in messages: the step argument. */
    public static final String DOCKER_HOST_ARGUMENT = "dockerHost";

    /** Stand-ins for the other fields when one field is checked alone (the Snippet Generator's field checks). */
    private static final String PROBE_TARGET = "probe.invalid/probe:probe";
    private static final DockerHost PROBE_HOST = DockerHost.parse(DockerHost.DEFAULT_SOCKET, "probe");

    private final String image;
    private final String target;
    private final String dockerHost;
    private final String dockerHostSource;

    private PublishArguments(String image, String target, String dockerHost, String dockerHostSource) {
        this.image = image;
        this.target = target;
        this.dockerHost = dockerHost;
        this.dockerHostSource = dockerHostSource;
    }

    /**
     * @param image       the local image as the engine knows it ({@code myapp:local}, {@code localhost/myapp:1}, an ID)
     * @param target      where to push: {@code host/repo:tag}
     * @param dockerHost  the step's {@code dockerHost}, or null/blank for the environment's {@code DOCKER_HOST}
     * @param environment the step's environment ({@code EnvVars}); null counts as empty
     * @throws InvalidInputException naming the argument that is wrong
     */
    public static PublishArguments of(String image, String target, String dockerHost, Map<String, String> environment) {
        String local = localImage(image);
        ImageReference reference = target(target);
        DockerHost host = dockerHost(dockerHost, environment);
        // The publish module owns the remaining rules (e.g. white space in local names); check them here, not on the agent.
        PublishRequest.of(local, reference.toString(), host);
        return new PublishArguments(local, reference.toString(), host.uri().toString(), host.source());
    }

    /** The local image name, trimmed; the same rules as {@link PublishRequest}. */
    public static String localImage(String image) {
        if (image == null || image.isBlank()) {
            throw new InvalidInputException("image is missing: name the local image the build made, e.g. image: 'myapp:local'");
        }
        String local = image.strip();
        new PublishRequest(local, ImageReference.parse(PROBE_TARGET), PROBE_HOST, PublishRequest.DEFAULT_PUSH_TIMEOUT);
        return local;
    }

    /** The tag to push: a reference with an explicit tag and no digest (the digest is what the step returns). */
    public static ImageReference target(String target) {
        if (target == null || target.isBlank()) {
            throw new InvalidInputException("target is missing: name the tag to push, e.g. target: "
                    + "\"registry.example.com/team/myapp:${GIT_COMMIT}\"");
        }
        String text = target.strip();
        ImageReference reference;
        try {
            reference = ImageReference.parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("target: " + e.getMessage(), e);
        }
        if (reference.digest() != null) {
            throw new InvalidInputException("target '" + text + "' names a digest; name the tag to push, e.g. "
                    + reference.name() + ":${GIT_COMMIT} (publishImage returns the digest)");
        }
        if (!ReferenceInput.hasExplicitTag(text)) {
            throw new InvalidInputException("target '" + text + "' names no tag; name the tag to push, e.g. " + text
                    + ":${GIT_COMMIT} (':latest' is not assumed)");
        }
        return reference;
    }

    /**
     * The engine: the explicit {@code dockerHost}, else the environment's {@code DOCKER_HOST}, else
     * {@value DockerHost#DEFAULT_SOCKET}.
     */
    public static DockerHost dockerHost(String explicit, Map<String, String> environment) {
        return DockerHost.resolve(explicit, DOCKER_HOST_ARGUMENT, environment == null ? Map.of() : environment);
    }

    /** The publish module's request, validated again where it runs. */
    public PublishRequest toRequest() {
        return PublishRequest.of(image, target, dockerHost());
    }

    public String image() {
        return image;
    }

    /** {@code host/repo:tag}, normalized. */
    public String target() {
        return target;
    }

    public ImageReference targetReference() {
        return ImageReference.parse(target);
    }

    /** The registry the target is on, {@code host[:port]} as in references. */
    public String targetRegistry() {
        return targetReference().registry();
    }

    /** The engine, with where its address came from ({@code dockerHost}, {@code DOCKER_HOST} or the default). */
    public DockerHost dockerHost() {
        return DockerHost.parse(dockerHost, dockerHostSource);
    }

    @Override
    public String toString() {
        return "publish " + image + " to " + target + " through " + dockerHost + " (from " + dockerHostSource + ")";
    }
}
