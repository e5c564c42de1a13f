package io.imagepromotion.core.manifest;

import io.imagepromotion.core.digest.Digest;

import java.util.List;

/**
 * A descriptor inside a manifest or index (OCI image spec "Descriptors"): what it points at, its size and, for index
 * entries, the platform. Read-only: we never write descriptors, we copy the manifest bytes that contain them.
 *
 * @param platform {@code os/architecture[/variant]} of an index entry, or {@code null}
 * @param urls     foreign-layer URLs, empty for ordinary blobs
 */
public record ManifestDescriptor(String mediaType, Digest digest, long size, String platform, List<String> urls) {
    public ManifestDescriptor {
        urls = List.copyOf(urls);
    }

    /** Blobs that must exist in the target repository; foreign layers with URLs are referenced, not pushed. */
    public boolean mustBeCopied() {
        return !(MediaTypes.isNonDistributable(mediaType) && !urls.isEmpty());
    }
}
