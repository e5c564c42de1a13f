package io.imagepromotion.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated image stored as an OCI image layout directory.
 *
 * @param layout               the layout directory (oci-layout, index.json, blobs/sha256/...)
 * @param tag                  the {@code org.opencontainers.image.ref.name} of the top-level manifest in index.json
 * @param digest               digest of the top-level manifest / index / list ("sha256:...")
 * @param mediaType            media type of the top-level manifest
 * @param blobDigests          every distinct config and layer blob, all platforms
 * @param blobBytes            total size of {@code blobDigests}
 * @param childManifestDigests the platform manifests of an index/list, in index order; empty for single manifests
 */
public record TestImage(Path layout, String tag, String digest, String mediaType, List<String> blobDigests,
                        long blobBytes, List<String> childManifestDigests) {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    public TestImage {
        blobDigests = List.copyOf(blobDigests);
        childManifestDigests = List.copyOf(childManifestDigests);
    }

    public boolean isMultiPlatform() {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    public boolean isDockerMediaType() {
        return DOCKER_MANIFEST.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /** The file holding a blob or manifest of this layout. */
    public Path blobPath(String digest) {
        return layout.resolve("blobs/sha256").resolve(Sha256.hex(digest));
    }

    /** Exact bytes of the top-level manifest / index / list. */
    public byte[] manifestBytes() {
        return read(digest);
    }

    /** Exact bytes of any blob or manifest in the layout. */
    public byte[] read(String blobOrManifestDigest) {
        try {
            return Files.readAllBytes(blobPath(blobOrManifestDigest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
