package io.imagepromotion.core.manifest;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.json.JsonValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest or index exactly as the registry sent it. The bytes are what we push; the digest is computed from them;
 * the JSON tree is read only to find children and blobs. Never serialized again: that is how digests survive.
 */
public final class RawManifest {
    /** distribution refuses larger manifests; reading more from a hostile server is pointless. */
    public static final int MAX_SIZE = 4 * 1024 * 1024;

    private final byte[] bytes;
    private final String mediaType;
    private final Digest digest;
    private final JsonValue tree;

    private RawManifest(byte[] bytes, String mediaType, Digest digest, JsonValue tree) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.digest = digest;
        this.tree = tree;
    }

    /**
     * @param contentType the Content-Type the registry sent; used when the JSON has no {@code mediaType}
     * @param where       reference for error messages
     */
    public static RawManifest of(byte[] bytes, String contentType, String where) {
        if (bytes.length > MAX_SIZE) {
            throw new UnsupportedContentException("manifest of " + where + " is " + bytes.length
                    + " bytes, over the 4 MiB limit registries enforce");
        }
        JsonValue tree;
        try {
            tree = JsonValue.parse(bytes);
        } catch (IOException e) {
            throw new UnsupportedContentException("manifest of " + where + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || !tree.isObject()) {
            throw new UnsupportedContentException("manifest of " + where + " is not a JSON object");
        }
        String declared = tree.path("mediaType").asText(null);
        String header = MediaTypes.normalize(contentType);
        String named = declared != null ? declared : header;
        if (MediaTypes.isSchema1(named) || tree.path("schemaVersion").asInt() == 1) {
            throw new UnsupportedContentException("manifest of " + where + " is Docker schema 1 (" + named
                    + "), which cannot be promoted without changing its digest; rebuild and push it as schema 2 or OCI");
        }
        String mediaType = named;
        if (declared == null && (named == null || !MediaTypes.isSupported(named))) {
            // An OCI manifest may omit mediaType and be served as application/json or untyped: decide by shape.
            if (tree.has("manifests")) {
                mediaType = MediaTypes.OCI_INDEX;
            } else if (tree.has("config")) {
                mediaType = MediaTypes.OCI_MANIFEST;
            }
        }
        if (mediaType == null || !MediaTypes.isSupported(mediaType)) {
            throw new UnsupportedContentException("manifest of " + where + " has unsupported media type " + mediaType
                    + "; only OCI and Docker schema 2 manifests and indexes can be promoted");
        }
        return new RawManifest(bytes.clone(), mediaType, Digest.sha256(bytes), tree);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public String mediaType() {
        return mediaType;
    }

    public Digest digest() {
        return digest;
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** Child manifests of an index, in order; empty for an image manifest. */
    public List<ManifestDescriptor> children() {
        return isIndex() ? descriptors(tree.path("manifests"), true) : List.of();
    }

    /** Config and layers of an image manifest (config first); empty for an index. */
    public List<ManifestDescriptor> blobs() {
        if (isIndex()) {
            return List.of();
        }
        List<ManifestDescriptor> out = new ArrayList<>();
        if (tree.has("config")) {
            out.add(descriptor(tree.path("config"), false));
        }
        out.addAll(descriptors(tree.path("layers"), false));
        return out;
    }

    private List<ManifestDescriptor> descriptors(JsonValue array, boolean withPlatform) {
        List<ManifestDescriptor> out = new ArrayList<>();
        for (JsonValue node : array) {
            out.add(descriptor(node, withPlatform));
        }
        return out;
    }

    private ManifestDescriptor descriptor(JsonValue node, boolean withPlatform) {
        Digest d;
        try {
            d = Digest.parse(node.path("digest").asText(""));
        } catch (InvalidInputException e) {
            throw new UnsupportedContentException("manifest " + digest + " has a descriptor with an invalid digest: " + e.getMessage());
        }
        long size = node.path("size").asLong(-1);
        if (size < 0) {
            throw new UnsupportedContentException("manifest " + digest + " has a descriptor for " + d + " without a size");
        }
        String platform = null;
        if (withPlatform && node.has("platform")) {
            JsonValue p = node.path("platform");
            platform = p.path("os").asText("?") + "/" + p.path("architecture").asText("?")
                    + (p.hasNonNull("variant") ? "/" + p.path("variant").asText() : "");
        }
        List<String> urls = new ArrayList<>();
        node.path("urls").forEach(u -> urls.add(u.asText()));
        return new ManifestDescriptor(node.path("mediaType").asText(null), d, size, platform, urls);
    }
}
