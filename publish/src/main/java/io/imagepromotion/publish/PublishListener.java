package io.imagepromotion.publish;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

/**
 * Receives what a publish does, in order. The CLI prints to stderr, a Jenkins step to the build log; this module
 * never logs by itself.
 */
public interface PublishListener {
    PublishListener SILENT = new PublishListener() {
    };

    /** The engine answered; {@code description} is its name and version, e.g. "Podman Engine 4.3.1 (API 1.41)". */
    default void connected(DockerHost host, String description) {
    }

    /** The local image was found and tagged as the target in the engine. */
    default void tagged(String localImage, String imageId, ImageReference target) {
    }

    /** A new status line from the engine's push stream (repeated progress of the same layer is left out). */
    default void pushStatus(String line) {
    }

    /** The registry was asked for the target's digest after the push. */
    default void resolved(ImageReference target, Digest digest, String mediaType) {
    }

    /** Something the user should know that does not stop the publish. */
    default void warning(String message) {
    }
}
