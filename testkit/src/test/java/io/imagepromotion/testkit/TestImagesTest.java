package io.imagepromotion.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIZE = 64 * 1024;

    @TempDir
    Path tmp;

    @Test
    void ociImageLayoutHasConsistentDigestsAndDiffIds() throws IOException {
        TestImage image = TestImages.oci(tmp.resolve("img"), 2, SIZE, 1);

        assertEquals(TestImage.OCI_MANIFEST, image.mediaType());
        assertEquals(image.digest(), Sha256.digestOf(image.manifestBytes()));
        assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(image.layout().resolve("oci-layout")));
        JsonNode index = JSON.readTree(image.layout().resolve("index.json").toFile());
        assertEquals(image.digest(), index.path("manifests").get(0).path("digest").asText());
        assertEquals(image.tag(), index.path("manifests").get(0).path("annotations")
                .path("org.opencontainers.image.ref.name").asText());
        assertEquals(image.manifestBytes().length, index.path("manifests").get(0).path("size").asLong());

        assertEveryBlobFileMatchesItsName(image.layout());
        JsonNode manifest = JSON.readTree(image.manifestBytes());
        JsonNode config = JSON.readTree(image.read(manifest.path("config").path("digest").asText()));
        assertEquals(2, manifest.path("layers").size());
        for (int i = 0; i < 2; i++) {
            String layerDigest = manifest.path("layers").get(i).path("digest").asText();
            byte[] tar = gunzip(image.read(layerDigest));
            assertEquals(config.path("rootfs").path("diff_ids").get(i).asText(), Sha256.digestOf(tar));
            assertSingleFileTar(tar, SIZE);
            assertTrue(image.read(layerDigest).length > SIZE, "random payload must not compress");
        }
        assertEquals(Set.copyOf(image.blobDigests()).size(), image.blobDigests().size());
        assertEquals(3, image.blobDigests().size());
        long total = 0;
        for (String blob : image.blobDigests()) {
            total += image.read(blob).length;
        }
        assertEquals(total, image.blobBytes());
        assertTrue(image.childManifestDigests().isEmpty());
    }

    @Test
    void manifestsArePrettyPrintedSoReserializingChangesTheDigest() throws IOException {
        TestImage image = TestImages.oci(tmp.resolve("img"), 1, 1024, 2);
        String manifest = new String(image.manifestBytes(), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\n   \"schemaVersion\""), manifest);
        byte[] compact = JSON.writeValueAsBytes(JSON.readTree(image.manifestBytes()));
        byte[] pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.readTree(image.manifestBytes()));
        assertNotEquals(image.digest(), Sha256.digestOf(compact));
        assertNotEquals(image.digest(), Sha256.digestOf(pretty));
    }

    @Test
    void sameSeedGivesSameDigestAndOtherSeedDiffers() {
        TestImage a = TestImages.oci(tmp.resolve("a"), 2, SIZE, 7);
        TestImage b = TestImages.oci(tmp.resolve("b"), 2, SIZE, 7);
        TestImage c = TestImages.oci(tmp.resolve("c"), 2, SIZE, 8);
        assertEquals(a.digest(), b.digest());
        assertEquals(a.blobDigests(), b.blobDigests());
        assertNotEquals(a.digest(), c.digest());
        assertTrue(a.blobDigests().stream().noneMatch(c.blobDigests()::contains));
    }

    @Test
    void dockerSchema2UsesDockerMediaTypes() throws IOException {
        TestImage image = TestImages.dockerSchema2(tmp.resolve("img"), 2, SIZE, 3);
        JsonNode manifest = JSON.readTree(image.manifestBytes());
        assertEquals(TestImage.DOCKER_MANIFEST, image.mediaType());
        assertEquals(TestImage.DOCKER_MANIFEST, manifest.path("mediaType").asText());
        assertEquals("application/vnd.docker.container.image.v1+json", manifest.path("config").path("mediaType").asText());
        assertEquals("application/vnd.docker.image.rootfs.diff.tar.gzip",
                manifest.path("layers").get(0).path("mediaType").asText());
        assertEquals(image.digest(), Sha256.digestOf(image.manifestBytes()));
        assertEveryBlobFileMatchesItsName(image.layout());
    }

    @Test
    void ociIndexHasOnePlatformManifestPerPlatformWithVariantAndAnnotation() throws IOException {
        TestImage image = TestImages.ociIndex(tmp.resolve("img"), List.of("linux/amd64", "linux/arm64/v8"), 2, SIZE, 4);
        JsonNode index = JSON.readTree(image.manifestBytes());
        assertEquals(TestImage.OCI_INDEX, image.mediaType());
        assertEquals(TestImage.OCI_INDEX, index.path("mediaType").asText());
        assertFalse(index.path("annotations").isEmpty());
        assertEquals(2, index.path("manifests").size());
        assertEquals("amd64", index.path("manifests").get(0).path("platform").path("architecture").asText());
        assertFalse(index.path("manifests").get(0).path("platform").has("variant"));
        JsonNode arm = index.path("manifests").get(1).path("platform");
        assertEquals("arm64", arm.path("architecture").asText());
        assertEquals("v8", arm.path("variant").asText());
        assertEquals("linux", arm.path("os").asText());

        List<String> children = new ArrayList<>();
        index.path("manifests").forEach(m -> children.add(m.path("digest").asText()));
        assertEquals(children, image.childManifestDigests());
        Set<String> blobs = new HashSet<>();
        for (String child : children) {
            JsonNode manifest = JSON.readTree(image.read(child));
            assertEquals(TestImage.OCI_MANIFEST, manifest.path("mediaType").asText());
            blobs.add(manifest.path("config").path("digest").asText());
            manifest.path("layers").forEach(l -> blobs.add(l.path("digest").asText()));
            JsonNode config = JSON.readTree(image.read(manifest.path("config").path("digest").asText()));
            assertEquals(config.path("architecture").asText(),
                    index.path("manifests").get(children.indexOf(child)).path("platform").path("architecture").asText());
        }
        assertEquals(blobs, Set.copyOf(image.blobDigests()));
        assertEquals(6, blobs.size());
        assertEveryBlobFileMatchesItsName(image.layout());
    }

    @Test
    void dockerManifestListPointsAtDockerManifests() throws IOException {
        TestImage image = TestImages.dockerManifestList(tmp.resolve("img"), List.of("linux/amd64", "linux/arm/v7"), 1,
                1024, 5);
        JsonNode list = JSON.readTree(image.manifestBytes());
        assertEquals(TestImage.DOCKER_MANIFEST_LIST, list.path("mediaType").asText());
        assertEquals(2, image.childManifestDigests().size());
        for (JsonNode entry : list.path("manifests")) {
            assertEquals(TestImage.DOCKER_MANIFEST, entry.path("mediaType").asText());
        }
        assertEquals("v7", list.path("manifests").get(1).path("platform").path("variant").asText());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> TestImages.ociIndex(tmp.resolve("x"), List.of("amd64"), 1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> TestImages.oci(tmp.resolve("y"), -1, 10, 1));
        TestImages.oci(tmp.resolve("z"), 1, 10, 1);
        assertThrows(IllegalArgumentException.class, () -> TestImages.oci(tmp.resolve("z"), 1, 10, 2));
    }

    private static void assertEveryBlobFileMatchesItsName(Path layout) throws IOException {
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path blob : blobs.toList()) {
                assertEquals("sha256:" + blob.getFileName(), Sha256.digestOf(Files.readAllBytes(blob)));
            }
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static void assertSingleFileTar(byte[] tar, int fileSize) {
        String magic = new String(tar, 257, 5, StandardCharsets.US_ASCII);
        assertEquals("ustar", magic);
        long size = Long.parseLong(new String(tar, 124, 11, StandardCharsets.US_ASCII), 8);
        assertEquals(fileSize, size);
        long checksum = Long.parseLong(new String(tar, 148, 6, StandardCharsets.US_ASCII), 8);
        long computed = 0;
        for (int i = 0; i < 512; i++) {
            computed += (i >= 148 && i < 156) ? ' ' : tar[i] & 0xFF;
        }
        assertEquals(computed, checksum);
        int padded = (fileSize + 511) / 512 * 512;
        assertEquals(512 + padded + 1024, tar.length);
    }
}
