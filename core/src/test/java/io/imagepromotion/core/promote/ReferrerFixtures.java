package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.referrers.Descriptor;
import io.imagepromotion.core.referrers.FallbackTag;
import io.imagepromotion.core.referrers.ReferrersIndex;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes what signers attach to an image, the way they write it: cosign's legacy tags (a manifest per
 * {@code sha256-<hex>.sig/.att}, one layer per signature or attestation) and OCI 1.1 referrers (a manifest with
 * {@code subject}, pushed by digest, listed in the {@code sha256-<hex>} fallback index as distribution 2.8.2 needs).
 */
final class ReferrerFixtures implements AutoCloseable {
    static final String EMPTY_JSON = "application/vnd.oci.empty.v1+json";
    static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
    static final String DSSE = "application/vnd.dsse.envelope.v1+json";

    private final RegistryTransport transport;
    private final RegistryClient client;

    ReferrerFixtures() {
        this(TransportSettings.defaults());
    }

    ReferrerFixtures(TransportSettings settings) {
        transport = new RegistryTransport(settings);
        client = new RegistryClient(transport);
    }

    /** A cosign-style signature (or attestation, by suffix) of {@code subject} under its cosign tag. */
    RawManifest cosignTag(String repository, Digest subject, String suffix, String payload) {
        return cosignTag(repository, subject, suffix, List.of(payload));
    }

    /** A cosign tag holding one layer per payload, as cosign appends a layer per signature to the same tag. */
    RawManifest cosignTag(String repository, Digest subject, String suffix, List<String> payloads) {
        ImageReference repo = ImageReference.parse(repository + ":x");
        byte[] config = ("{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"seed\":\""
                + String.join(",", payloads) + "\"}").getBytes(StandardCharsets.UTF_8);
        client.ensureBlob(repo, config);
        String mediaType = suffix.equals(".att") ? DSSE : SIMPLE_SIGNING;
        StringBuilder layers = new StringBuilder();
        for (String payload : payloads) {
            byte[] layer = ("{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + subject + "\"},\"type\":\"cosign container image signature\"},\"optional\":{\"n\":\""
                    + payload + "\"}}").getBytes(StandardCharsets.UTF_8);
            client.ensureBlob(repo, layer);
            layers.append(layers.length() == 0 ? "" : ",").append("{\"mediaType\":\"").append(mediaType).append("\",\"size\":")
                    .append(layer.length).append(",\"digest\":\"").append(Digest.sha256(layer))
                    .append("\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"MEUCIQ").append(payload).append("\"}}");
        }
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length
                + ",\"digest\":\"" + Digest.sha256(config) + "\"},\"layers\":[" + layers + "]}";
        RawManifest manifest = RawManifest.of(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, "fixture");
        client.putManifest(repo, FallbackTag.of(subject) + suffix, manifest);
        return manifest;
    }

    /**
     * An OCI 1.1 referrer of {@code subject} pushed by digest and added to the subject's fallback index (entries
     * already in it stay).
     */
    RawManifest ociReferrer(String repository, Digest subject, String subjectMediaType, long subjectSize, String artifactType,
                            String payload) {
        return ociReferrer(repository, subject, subjectMediaType, subjectSize, artifactType, payload, true);
    }

    /** Without {@code withFallback}, for a registry with the referrers API, which indexes the referrer itself. */
    RawManifest ociReferrer(String repository, Digest subject, String subjectMediaType, long subjectSize, String artifactType,
                            String payload, boolean withFallback) {
        ImageReference repo = ImageReference.parse(repository + ":x");
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("{\"payload\":\"" + payload + "\"}").getBytes(StandardCharsets.UTF_8);
        client.ensureBlob(repo, empty);
        client.ensureBlob(repo, layer);
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"" + artifactType + "\","
                + "\"config\":{\"mediaType\":\"" + EMPTY_JSON + "\",\"size\":2,\"digest\":\"" + Digest.sha256(empty) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.in-toto+json\",\"size\":" + layer.length + ",\"digest\":\""
                + Digest.sha256(layer) + "\"}],"
                + "\"subject\":{\"mediaType\":\"" + subjectMediaType + "\",\"size\":" + subjectSize + ",\"digest\":\"" + subject + "\"},"
                + "\"annotations\":{\"org.opencontainers.image.created\":\"2026-12-06T10:00:00Z\",\"fixture\":\"" + payload + "\"}}";
        RawManifest manifest = RawManifest.of(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST, "fixture");
        client.putManifest(repo, manifest.digest().toString(), manifest);
        if (!withFallback) {
            return manifest;
        }
        addToFallbackIndex(repository, subject, new Descriptor(MediaTypes.OCI_MANIFEST, manifest.digest(), manifest.size(),
                artifactType, Map.of("org.opencontainers.image.created", "2026-12-06T10:00:00Z", "fixture", payload)));
        return manifest;
    }

    /** Adds an entry to a fallback index the way another client would (read, append, write). */
    void addToFallbackIndex(String repository, Digest subject, Descriptor entry) {
        ImageReference tag = ImageReference.parse(repository + ":" + FallbackTag.of(subject));
        ReferrersIndex now = client.findManifest(tag).map(m -> ReferrersIndex.parse(m.bytes(), tag.toString()))
                .orElse(ReferrersIndex.empty());
        List<Descriptor> all = new ArrayList<>(List.of(entry));
        client.putManifest(tag, tag.tag(), now.union(all).toManifest());
    }

    /** The digests a fallback index lists, empty when the tag does not exist. */
    List<Digest> fallbackEntries(String repository, Digest subject) {
        ImageReference tag = ImageReference.parse(repository + ":" + FallbackTag.of(subject));
        return client.findManifest(tag).map(m -> ReferrersIndex.parse(m.bytes(), tag.toString()).manifests().stream()
                .map(Descriptor::digest).toList()).orElse(List.of());
    }

    RegistryClient client() {
        return client;
    }

    @Override
    public void close() {
        transport.close();
    }
}
