package io.imagepromotion.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every image kind pushed to a plain registry keeps its generated digest (checked independently via skopeo). */
class SkopeoPushTest {

    private static final int SIZE = 64 * 1024;
    private static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64/v8");

    @TempDir
    static Path shared;
    static RegistryServer registry;
    static Skopeo skopeo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = RegistryServer.startPlain(shared.resolve("registry"));
        skopeo = Skopeo.forRegistry(registry);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void ociImageKeepsItsDigest() {
        TestImage image = TestImages.oci(tmp.resolve("img"), 2, SIZE, 101);
        String ref = registry.host() + "/push/oci:1.0";
        skopeo.push(image, ref);
        assertStored(image, "push/oci", "1.0");
        assertArrayEquals(image.manifestBytes(), skopeo.rawManifest(ref));
    }

    @Test
    void dockerSchema2ImageKeepsItsDigest() {
        TestImage image = TestImages.dockerSchema2(tmp.resolve("img"), 2, SIZE, 102);
        int mark = registry.accessLogMark();
        skopeo.push(image, registry.host() + "/push/docker:1.0");
        assertStored(image, "push/docker", "1.0");
        // pushed by LayoutUploader: 3 blobs x (HEAD, POST, PUT) + PUT manifest
        long uploaderRequests = registry.accessLogSince(mark).stream()
                .filter(e -> e.userAgent().equals(LayoutUploader.USER_AGENT)).count();
        assertEquals(10, uploaderRequests);
    }

    /** Why Docker media types go through LayoutUploader; if skopeo learns this, the uploader can go. */
    @Test
    void skopeoOciTransportCannotReadDockerMediaTypesFromALayout() {
        TestImage image = TestImages.dockerSchema2(tmp.resolve("img"), 1, 1024, 107);
        ExternalCommand.Result result = ExternalCommand.run(List.of("skopeo", "--insecure-policy", "copy",
                "--preserve-digests", "--dest-tls-verify=false", "oci:" + image.layout() + ":" + image.tag(),
                "docker://" + registry.host() + "/push/skopeo-docker:1.0"), java.util.Map.of(), 120);
        assertEquals(1, result.exitCode());
        assertTrue(result.stderr().contains("no descriptor found for reference"), result.stderr());
    }

    @Test
    void ociIndexKeepsItsDigestAndAllPlatforms() {
        TestImage image = TestImages.ociIndex(tmp.resolve("img"), PLATFORMS, 2, SIZE, 103);
        skopeo.push(image, registry.host() + "/push/ociindex:1.0");
        assertStored(image, "push/ociindex", "1.0");
    }

    @Test
    void dockerManifestListKeepsItsDigestAndAllPlatforms() {
        TestImage image = TestImages.dockerManifestList(tmp.resolve("img"), PLATFORMS, 2, SIZE, 104);
        skopeo.push(image, registry.host() + "/push/dockerlist:1.0");
        assertStored(image, "push/dockerlist", "1.0");
    }

    @Test
    void pushFailsWhenTheStoredDigestDiffersFromTheExpectedOne() {
        TestImage real = TestImages.oci(tmp.resolve("img"), 1, 1024, 105);
        String wrongDigest = "sha256:" + "a".repeat(64);
        TestImage lying = new TestImage(real.layout(), real.tag(), wrongDigest, real.mediaType(), real.blobDigests(),
                real.blobBytes(), real.childManifestDigests());
        DigestMismatchException mismatch = assertThrows(DigestMismatchException.class,
                () -> skopeo.push(lying, registry.host() + "/push/mismatch:1.0"));
        assertEquals(real.digest(), mismatch.actual());
        assertEquals(wrongDigest, mismatch.expected());
    }

    @Test
    void copyPreservesTheIndexDigestAcrossRepositories() {
        TestImage image = TestImages.ociIndex(tmp.resolve("img"), PLATFORMS, 1, 1024, 106);
        skopeo.push(image, registry.host() + "/copy/src:1.0");
        skopeo.copy(registry.host() + "/copy/src:1.0", registry.host() + "/copy/dst:2.0");
        assertEquals(image.digest(), skopeo.digest(registry.host() + "/copy/dst:2.0"));
        assertEquals(List.of("2.0"), skopeo.listTags(registry.host() + "/copy/dst"));
    }

    @Test
    void inspectingAMissingTagFails() {
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> skopeo.digest(registry.host() + "/push/none:1.0"));
        assertTrue(failure.stderr().contains("manifest unknown"), failure.stderr());
    }

    private void assertStored(TestImage image, String repository, String tag) {
        assertEquals(image.digest(), skopeo.digest(registry.host() + "/" + repository + ":" + tag));
        assertEquals(Optional.of(image.digest()), registry.tagDigestOnDisk(repository, tag));
        for (String child : image.childManifestDigests()) {
            assertTrue(registry.hasManifestRevision(repository, child), child);
            assertEquals(child, skopeo.digest(registry.host() + "/" + repository + "@" + child));
        }
        for (String blob : image.blobDigests()) {
            assertTrue(registry.hasBlobLinked(repository, blob), blob);
        }
    }
}
