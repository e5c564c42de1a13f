package io.imagepromotion.publish;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;

import java.time.Duration;
import java.util.Objects;

/**
 * One publish: push the engine's local image under the target tag. Validated when built.
 *
 * @param localImage  the image as the engine knows it: {@code myapp:local}, {@code localhost/myapp:1}, or an image ID
 * @param target      where to push, {@code host/repo:tag}; a tag and no digest (the digest is the result)
 * @param dockerHost  the engine to use
 * @param pushTimeout how long the push may take in all; the engine can be silent for long stretches of it
 */
public record PublishRequest(String localImage, ImageReference target, DockerHost dockerHost, Duration pushTimeout) {
    public static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofMinutes(30);

    public PublishRequest {
        Objects.requireNonNull(dockerHost, "dockerHost");
        Objects.requireNonNull(pushTimeout, "pushTimeout");
        Objects.requireNonNull(target, "target");
        validateLocalImage(localImage);
        if (target.digest() != null) {
            throw new InvalidInputException("target " + target + " names a digest; name the tag to push, e.g. "
                    + target.name() + ":" + (target.tag() != null ? target.tag() : "$GIT_COMMIT")
                    + " (the digest is what publish returns)");
        }
        if (pushTimeout.isNegative() || pushTimeout.isZero()) {
            throw new InvalidInputException("push timeout must be positive, got " + pushTimeout);
        }
    }

    /** Parses the target reference; the local image is passed to the engine as written. */
    public static PublishRequest of(String localImage, String target, DockerHost dockerHost) {
        validateLocalImage(localImage);
        if (target == null || target.isBlank()) {
            throw new InvalidInputException("no target given: name where to push, e.g. registry.example.com/team/app:$GIT_COMMIT");
        }
        return new PublishRequest(localImage, ImageReference.parse(target), dockerHost, DEFAULT_PUSH_TIMEOUT);
    }

    public PublishRequest withPushTimeout(Duration timeout) {
        return new PublishRequest(localImage, target, dockerHost, timeout);
    }

    private static void validateLocalImage(String localImage) {
        if (localImage == null || localImage.isBlank()) {
            throw new InvalidInputException("no local image given: name the image the build made, e.g. myapp:local");
        }
        if (!localImage.equals(localImage.strip()) || localImage.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException("local image '" + localImage + "' contains white space");
        }
        if (localImage.contains("://")) {
            throw new InvalidInputException("local image '" + localImage + "' has a scheme; name it as the engine does,"
                    + " e.g. myapp:local");
        }
    }
}
