package io.imagepromotion.core.promote;

import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossRegistryCopyTest {
    RegistryServer source;
    RegistryServer target;
    Skopeo sourceSkopeo;
    Skopeo targetSkopeo;
    TestImage oci;
    TestImage docker;
    TestImage ociIndex;
    TestImage dockerList;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        source = RegistryServer.startPlain(dir.resolve("source"));
        target = RegistryServer.startPlain(dir.resolve("target"));
        sourceSkopeo = Skopeo.forRegistry(source);
        targetSkopeo = Skopeo.forRegistry(target);
        oci = TestImages.oci(dir.resolve("oci"), 5, 64 * 1024, 21);
        docker = TestImages.dockerSchema2(dir.resolve("docker"), 3, 48 * 1024, 22);
        ociIndex = TestImages.ociIndex(dir.resolve("index"), List.of("linux/amd64", "linux/arm64/v8", "linux/arm/v7", "linux/s390x"), 2, 16 * 1024, 23);
        dockerList = TestImages.dockerManifestList(dir.resolve("list"), List.of("linux/amd64", "linux/arm64/v8"), 2, 16 * 1024, 24);
        sourceSkopeo.push(oci, source.host() + "/dev/oci:1");
        sourceSkopeo.push(docker, source.host() + "/dev/docker:1");
        sourceSkopeo.push(ociIndex, source.host() + "/dev/index:1");
        sourceSkopeo.push(dockerList, source.host() + "/dev/list:1");
    }

    @AfterAll
    void stop() {
        source.close();
        target.close();
    }

    private PromotionResult promote(String from, String to) {
        return Promotions.promote(from, to);
    }

    private TestImage image(String name) {
        return switch (name) {
            case "oci" -> oci;
            case "docker" -> docker;
            case "index" -> ociIndex;
            default -> dockerList;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci", "docker", "index", "list"})
    void copyKeepsTheDigestByteForByte(String kind) {
        TestImage image = image(kind);
        PromotionResult result = promote(source.host() + "/dev/" + kind + ":1", target.host() + "/prod/" + kind + ":1");

        assertEquals(image.digest(), result.digest().toString());
        assertEquals(image.digest(), targetSkopeo.digest(target.host() + "/prod/" + kind + ":1"));
        assertArrayEquals(sourceSkopeo.rawManifest(source.host() + "/dev/" + kind + ":1"),
                targetSkopeo.rawManifest(target.host() + "/prod/" + kind + ":1"));
        for (String child : image.childManifestDigests()) {
            assertEquals(child, targetSkopeo.digest(target.host() + "/prod/" + kind + "@" + child));
        }
        assertEquals(image.blobDigests().size(), result.blobsCopied());
        assertEquals(image.blobBytes(), result.bytesCopied());
        for (String blob : image.blobDigests()) {
            assertTrue(target.hasBlobLinked("prod/" + kind, blob));
        }
    }

    @Test
    void anEmptyTargetRegistryCostsThreeRequestsPerBlobAndNoHeads() throws Exception {
        int sourceMark = source.accessLogMark();
        int targetMark = target.accessLogMark();
        PromotionResult result = promote(source.host() + "/dev/oci@" + oci.digest(), target.host() + "/counted/oci:1");

        List<AccessLogEntry> src = RegistryRequests.since(source, sourceMark, 3 + oci.blobDigests().size());
        List<AccessLogEntry> dst = RegistryRequests.since(target, targetMark, 3 + 2 * oci.blobDigests().size());
        int blobs = oci.blobDigests().size();
        // Protocol minimum 3 x blobs + 2 (GET manifest, PUT tag), plus the HEAD of the target that would have saved
        // the whole upload had the target been there already, plus the HEAD that proves the tag after the write.
        // And the referrers discovery at the source: tags/list and the referrers-API probe (none found: nothing at the target).
        assertEquals(3 * blobs + 4 + 2, src.size() + dst.size(), RegistryRequests.describe(src) + RegistryRequests.describe(dst));
        assertEquals(2, RegistryRequests.count(src, "GET", "/tags/list") + RegistryRequests.count(src, "GET", "/referrers/"));
        assertEquals(2, RegistryRequests.count(dst, "HEAD", "/manifests/"), RegistryRequests.describe(dst));
        assertEquals(result.requests(), src.size() + dst.size());
        assertEquals(0, dst.stream().filter(e -> e.method().equals("HEAD") && e.path().contains("/blobs/")).count());
        assertEquals(blobs, RegistryRequests.count(src, "GET", "/blobs/"));
    }

    @Test
    void blobsTheTargetRepositoryHasAreSkippedNotCopied() throws Exception {
        promote(source.host() + "/dev/oci:1", target.host() + "/again/oci:first");
        int sourceMark = source.accessLogMark();

        PromotionResult second = promote(source.host() + "/dev/oci:1", target.host() + "/again/oci:second");

        List<AccessLogEntry> src = RegistryRequests.since(source, sourceMark, 1);
        assertEquals(0, RegistryRequests.count(src, "GET", "/blobs/"), "no blob was read from the source" + RegistryRequests.describe(src));
        assertEquals(oci.blobDigests().size(), second.blobsSkipped());
        assertEquals(0, second.blobsCopied());
        assertEquals(0, second.bytesCopied());
        assertEquals(oci.digest(), targetSkopeo.digest(target.host() + "/again/oci:second"));
    }

    @Test
    void aSecondPromotionOfTheSameDigestChangesNothing() {
        promote(source.host() + "/dev/docker:1", target.host() + "/idem/docker:1");
        PromotionResult again = promote(source.host() + "/dev/docker@" + docker.digest(), target.host() + "/idem/docker:1");
        assertEquals(false, again.changed());
        assertEquals(1, again.requests(), "one HEAD of the target, nothing else");
    }
}
