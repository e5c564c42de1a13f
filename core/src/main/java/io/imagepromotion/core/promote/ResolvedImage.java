package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

/** A reference resolved to the digest its tag points at now. */
public record ResolvedImage(ImageReference reference, Digest digest, String mediaType, long size) {
    /** {@code registry/repository@digest}: what to promote, independent of where the tag moves later. */
    public ImageReference pinned() {
        return reference.withDigest(digest);
    }
}
