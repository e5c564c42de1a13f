package io.jenkins.plugins.imagepromotion.model;

import io.imagepromotion.publish.PublishResult;
import java.io.Serializable;

/**
 * What {@code publishImage} left on the registry, as plain strings so it can travel from the agent back to the
 * controller (the publish module's result holds records and URIs).
 */
public final class PublishOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final String pinnedReference;
    private final String digest;
    private final String mediaType;
    private final String localImage;
    private final String localImageId;

    private PublishOutcome(String target, String pinnedReference, String digest, String mediaType, String localImage,
                           String localImageId) {
        this.target = target;
        this.pinnedReference = pinnedReference;
        this.digest = digest;
        this.mediaType = mediaType;
        this.localImage = localImage;
        this.localImageId = localImageId;
    }

    /** @param localImage the local image as the step was given it */
    public static PublishOutcome from(PublishResult result, String localImage) {
        return new PublishOutcome(result.target().toString(), result.pinned().toString(), result.digest().toString(),
                result.mediaType(), localImage, result.localImageId());
    }

    /** The tag that was pushed, {@code host/repo:tag}. */
    public String target() {
        return target;
    }

    /** {@code host/repo@sha256:…}: what the step returns, and what to promote from. */
    public String pinnedReference() {
        return pinnedReference;
    }

    /** The digest the registry serves for the tag after the push. */
    public String digest() {
        return digest;
    }

    public String mediaType() {
        return mediaType;
    }

    public String localImage() {
        return localImage;
    }

    /** The engine's ID of the image that was pushed ({@code sha256:…}). */
    public String localImageId() {
        return localImageId;
    }
}
