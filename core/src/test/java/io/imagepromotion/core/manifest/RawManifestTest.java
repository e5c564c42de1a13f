package io.imagepromotion.core.manifest;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawManifestTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String D3 = "sha256:" + "3".repeat(64);
    private static final String D4 = "sha256:" + "4".repeat(64);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String image(String mediaTypeField, String layers) {
        return "{\"schemaVersion\":2," + mediaTypeField
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + D1 + "\",\"size\":100},"
                + "\"layers\":[" + layers + "]}";
    }

    private static String layer(String mediaType, String digest, long size, String urls) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
                + (urls == null ? "" : ",\"urls\":[" + urls + "]") + "}";
    }

    private static final String OCI_IMAGE = image("\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",",
            layer("application/vnd.oci.image.layer.v1.tar+gzip", D2, 200, null) + ","
                    + layer("application/vnd.oci.image.layer.v1.tar+gzip", D3, 300, null));

    private static final String OCI_INDEX = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
            + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D1 + "\",\"size\":500,"
            + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
            + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D2 + "\",\"size\":501,"
            + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}},"
            + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D3 + "\",\"size\":502}]}";

    // ---- refusals ------------------------------------------------------------------------------------------------

    @Test
    void schema1BySchemaVersionIsRefused() {
        String schema1 = "{\"schemaVersion\":1,\"name\":\"team/app\",\"tag\":\"1\",\"fsLayers\":[],\"history\":[]}";
        UnsupportedContentException e = assertThrows(UnsupportedContentException.class,
                () -> RawManifest.of(utf8(schema1), MediaTypes.DOCKER_SCHEMA1_SIGNED, "r/app:1"));
        assertTrue(e.getMessage().contains("Docker schema 1"), e.getMessage());
        assertTrue(e.getMessage().contains("rebuild and push it as schema 2 or OCI"), e.getMessage());
        assertTrue(e.getMessage().contains("r/app:1"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {MediaTypes.DOCKER_SCHEMA1, MediaTypes.DOCKER_SCHEMA1_SIGNED,
            MediaTypes.DOCKER_SCHEMA1_SIGNED + "; charset=utf-8"})
    void schema1ContentTypeIsRefusedEvenWithoutSchemaVersion(String contentType) {
        String body = "{\"name\":\"team/app\",\"fsLayers\":[]}";
        assertThrows(UnsupportedContentException.class, () -> RawManifest.of(utf8(body), contentType, "r/app:1"));
    }

    @Test
    void schema1MediaTypeInJsonIsRefused() {
        String body = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_SCHEMA1 + "\"}";
        assertThrows(UnsupportedContentException.class, () -> RawManifest.of(utf8(body), MediaTypes.OCI_MANIFEST, "r/app:1"));
    }

    @Test
    void manifestOverFourMebibytesIsRefused() {
        byte[] big = padded(OCI_IMAGE, RawManifest.MAX_SIZE + 1);
        UnsupportedContentException e = assertThrows(UnsupportedContentException.class,
                () -> RawManifest.of(big, MediaTypes.OCI_MANIFEST, "r/app:big"));
        assertTrue(e.getMessage().contains((RawManifest.MAX_SIZE + 1) + " bytes, over the 4 MiB limit"), e.getMessage());
    }

    @Test
    void manifestOfExactlyFourMebibytesIsAccepted() {
        byte[] max = padded(OCI_IMAGE, RawManifest.MAX_SIZE);
        assertEquals(RawManifest.MAX_SIZE, RawManifest.of(max, MediaTypes.OCI_MANIFEST, "r/app:max").size());
    }

    /** The JSON followed by white space up to {@code size} bytes: still the same document. */
    private static byte[] padded(String json, int size) {
        byte[] bytes = Arrays.copyOf(utf8(json), size);
        Arrays.fill(bytes, json.length(), size, (byte) ' ');
        return bytes;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"not json", "[1,2]", "\"string\"", ""})
    void contentThatIsNotAJsonObjectIsRefused(String body) {
        assertThrows(UnsupportedContentException.class, () -> RawManifest.of(utf8(body), MediaTypes.OCI_MANIFEST, "r/app:x"));
    }

    @Test
    void unknownMediaTypeIsRefusedNamingIt() {
        String body = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example.thing+json\",\"config\":{}}";
        UnsupportedContentException e = assertThrows(UnsupportedContentException.class,
                () -> RawManifest.of(utf8(body), "application/vnd.example.thing+json", "r/app:x"));
        assertTrue(e.getMessage().contains("unsupported media type application/vnd.example.thing+json"), e.getMessage());
    }

    @Test
    void descriptorWithInvalidDigestIsRefusedWhenRead() {
        RawManifest m = RawManifest.of(utf8(image("", layer("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:abc", 1, null))),
                MediaTypes.OCI_MANIFEST, "r/app:x");
        UnsupportedContentException e = assertThrows(UnsupportedContentException.class, m::blobs);
        assertTrue(e.getMessage().contains("invalid digest"), e.getMessage());
    }

    @Test
    void descriptorWithoutSizeIsRefusedWhenRead() {
        String body = image("", "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + D2 + "\"}");
        RawManifest m = RawManifest.of(utf8(body), MediaTypes.OCI_MANIFEST, "r/app:x");
        UnsupportedContentException e = assertThrows(UnsupportedContentException.class, m::blobs);
        assertTrue(e.getMessage().contains("without a size"), e.getMessage());
    }

    // ---- media type ----------------------------------------------------------------------------------------------

    @Test
    void mediaTypeInJsonWinsOverContentType() {
        RawManifest m = RawManifest.of(utf8(OCI_IMAGE), MediaTypes.DOCKER_MANIFEST, "r/app:x");
        assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
    }

    @Test
    void contentTypeIsUsedWhenJsonHasNoMediaType() {
        RawManifest m = RawManifest.of(utf8(image("", "")), MediaTypes.DOCKER_MANIFEST + "; charset=utf-8", "r/app:x");
        assertEquals(MediaTypes.DOCKER_MANIFEST, m.mediaType());
    }

    @Test
    void contentTypeIsNormalizedToLowerCaseWithoutParameters() {
        RawManifest m = RawManifest.of(utf8(image("", "")), "Application/VND.OCI.Image.Manifest.v1+JSON ;q=1", "r/app:x");
        assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
    }

    @Test
    void shapeDecidesWhenNeitherJsonNorContentTypeNameASupportedType() {
        assertEquals(MediaTypes.OCI_MANIFEST,
                RawManifest.of(utf8(image("", "")), "application/octet-stream", "r/app:x").mediaType());
        String index = "{\"schemaVersion\":2,\"manifests\":[]}";
        RawManifest m = RawManifest.of(utf8(index), "application/octet-stream", "r/app:x");
        assertEquals(MediaTypes.OCI_INDEX, m.mediaType());
        assertTrue(m.isIndex());
    }

    @Test
    void shapeDecidesWhenThereIsNoContentTypeAtAll() {
        // Javadoc: "An OCI manifest may omit mediaType; decide by shape then." A missing Content-Type header
        // (a proxy that drops it) must not turn a schemaVersion 2 manifest into "Docker schema 1 (null)".
        assertEquals(MediaTypes.OCI_MANIFEST, RawManifest.of(utf8(image("", "")), null, "r/app:x").mediaType());
        assertEquals(MediaTypes.OCI_INDEX,
                RawManifest.of(utf8("{\"schemaVersion\":2,\"manifests\":[]}"), null, "r/app:x").mediaType());
    }

    @Test
    void declaredUnsupportedTypeIsNotOverriddenByShape() {
        String body = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example+json\",\"config\":{},\"layers\":[]}";
        assertThrows(UnsupportedContentException.class, () -> RawManifest.of(utf8(body), MediaTypes.OCI_MANIFEST, "r/app:x"));
    }

    // ---- content ---------------------------------------------------------------------------------------------------

    @Test
    void digestIsOfTheExactBytesIncludingWhiteSpace() {
        String spaced = OCI_IMAGE.replace(",", ",\n   ");
        RawManifest compact = RawManifest.of(utf8(OCI_IMAGE), null, "r/app:x");
        RawManifest pretty = RawManifest.of(utf8(spaced), null, "r/app:x");
        assertEquals(Digest.sha256(utf8(OCI_IMAGE)), compact.digest());
        assertEquals(Digest.sha256(utf8(spaced)), pretty.digest());
        assertFalse(compact.digest().equals(pretty.digest()));
        assertArrayEquals(utf8(spaced), pretty.bytes());
    }

    @Test
    void bytesAreDefensiveCopies() {
        byte[] input = utf8(OCI_IMAGE);
        RawManifest m = RawManifest.of(input, null, "r/app:x");
        input[0] = 'X';
        m.bytes()[1] = 'Y';
        assertArrayEquals(utf8(OCI_IMAGE), m.bytes());
    }

    @Test
    void imageBlobsAreConfigFirstThenLayersInOrder() {
        RawManifest m = RawManifest.of(utf8(OCI_IMAGE), null, "r/app:x");
        assertFalse(m.isIndex());
        assertEquals(List.of(D1, D2, D3), m.blobs().stream().map(b -> b.digest().toString()).toList());
        assertEquals(List.of(100L, 200L, 300L), m.blobs().stream().map(ManifestDescriptor::size).toList());
        assertEquals("application/vnd.oci.image.config.v1+json", m.blobs().get(0).mediaType());
        assertEquals(List.of(), m.children(), "an image has no child manifests");
    }

    @Test
    void indexChildrenKeepOrderAndPlatform() {
        RawManifest m = RawManifest.of(utf8(OCI_INDEX), null, "r/app:x");
        assertTrue(m.isIndex());
        assertEquals(List.of(D1, D2, D3), m.children().stream().map(c -> c.digest().toString()).toList());
        List<String> platforms = new ArrayList<>();
        m.children().forEach(c -> platforms.add(c.platform()));
        assertEquals(Arrays.asList("linux/amd64", "linux/arm64/v8", null), platforms);
        assertEquals(List.of(), m.blobs(), "an index has no blobs of its own");
    }

    @Test
    void dockerManifestListIsAnIndex() {
        String list = OCI_INDEX.replace(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST);
        RawManifest m = RawManifest.of(utf8(list), MediaTypes.DOCKER_MANIFEST_LIST, "r/app:x");
        assertTrue(m.isIndex());
        assertEquals(3, m.children().size());
    }

    @Test
    void foreignLayersWithUrlsAreNotCopied() {
        String body = image("", layer("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", D2, 1000,
                "\"https://mcr.microsoft.com/blob\"") + ","
                + layer("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", D3, 2000, "\"https://example.com/l\"") + ","
                + layer("application/vnd.oci.image.layer.v1.tar+gzip", D4, 3000, null));
        RawManifest m = RawManifest.of(utf8(body), MediaTypes.OCI_MANIFEST, "r/app:x");
        List<ManifestDescriptor> blobs = m.blobs();
        assertEquals(4, blobs.size(), "foreign layers are still descriptors of the image");
        assertEquals(List.of(D1, D4), blobs.stream().filter(ManifestDescriptor::mustBeCopied).map(b -> b.digest().toString()).toList());
        assertEquals(List.of("https://mcr.microsoft.com/blob"), blobs.get(1).urls());
    }

    @Test
    void nonDistributableLayerWithoutUrlsMustStillBeCopied() {
        // nothing to fetch it from otherwise
        String body = image("", layer("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", D2, 1000, null));
        assertTrue(RawManifest.of(utf8(body), MediaTypes.OCI_MANIFEST, "r/app:x").blobs().get(1).mustBeCopied());
    }

    @Test
    void ordinaryLayerWithUrlsIsStillCopied() {
        String body = image("", layer("application/vnd.oci.image.layer.v1.tar+gzip", D2, 1000, "\"https://example.com/l\""));
        assertTrue(RawManifest.of(utf8(body), MediaTypes.OCI_MANIFEST, "r/app:x").blobs().get(1).mustBeCopied());
    }

    // ---- against generated images (testkit writes them independently, pretty-printed) -------------------------------

    @Test
    void generatedOciIndexChildrenAndBlobsMatchTheLayout(@TempDir Path dir) {
        TestImage image = TestImages.ociIndex(dir.resolve("idx"), List.of("linux/amd64", "linux/arm64/v8"), 2, 1024, 7);
        RawManifest index = RawManifest.of(image.manifestBytes(), null, "generated");

        assertEquals(image.digest(), index.digest().toString());
        assertEquals(TestImage.OCI_INDEX, index.mediaType());
        assertEquals(image.childManifestDigests(), index.children().stream().map(c -> c.digest().toString()).toList());
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), index.children().stream().map(ManifestDescriptor::platform).toList());

        List<String> blobs = new ArrayList<>();
        for (ManifestDescriptor child : index.children()) {
            RawManifest m = RawManifest.of(image.read(child.digest().toString()), child.mediaType(), "child");
            assertEquals(child.digest(), m.digest());
            assertEquals(child.size(), m.size());
            m.blobs().forEach(b -> blobs.add(b.digest().toString()));
        }
        assertEquals(image.blobDigests().stream().sorted().toList(), blobs.stream().distinct().sorted().toList());
    }

    @Test
    void generatedDockerSchema2ManifestIsReadWithItsMediaType(@TempDir Path dir) {
        TestImage image = TestImages.dockerSchema2(dir.resolve("d"), 3, 512, 8);
        RawManifest m = RawManifest.of(image.manifestBytes(), TestImage.DOCKER_MANIFEST, "generated");
        assertEquals(TestImage.DOCKER_MANIFEST, m.mediaType());
        assertEquals(image.digest(), m.digest().toString());
        assertEquals(image.blobDigests().stream().sorted().toList(),
                m.blobs().stream().map(b -> b.digest().toString()).sorted().toList());
        assertEquals("application/vnd.docker.container.image.v1+json", m.blobs().get(0).mediaType(), "config first");
    }

    @Test
    void normalizeOfNullIsNull() {
        assertNull(MediaTypes.normalize(null));
    }

    @Test
    void acceptHeaderNamesExactlyTheFourSupportedTypesAndNoWildcard() {
        List<String> accepted = List.of(MediaTypes.ACCEPT.split(",\\s*"));
        assertEquals(4, accepted.size());
        assertTrue(accepted.stream().allMatch(MediaTypes::isSupported));
        assertFalse(MediaTypes.ACCEPT.contains("*"));
    }
}
