package io.imagepromotion.publish;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

/**
 * What a publish left on the registry.
 *
 * @param target               the tag that was pushed, {@code host/repo:tag}
 * @param digest               the manifest digest the registry serves for the tag after the push
 * @param mediaType            the manifest media type the registry reports
 * @param localImageId         the engine's ID of the local image that was pushed ({@code sha256:...})
 * @param engineReportedDigest the digest the engine's push stream named, or null when it named none
 */
public record PublishResult(ImageReference target, Digest digest, String mediaType, String localImageId,
                            Digest engineReportedDigest) {
    /** {@code host/repo@sha256:...}: the reference to promote from. */
    public ImageReference pinned() {
        return target.withDigest(digest);
    }
}
