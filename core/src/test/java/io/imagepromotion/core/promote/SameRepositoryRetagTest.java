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

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameRepositoryRetagTest {
    RegistryServer registry;
    Skopeo skopeo;
    TestImage single;
    TestImage multi;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        skopeo = Skopeo.forRegistry(registry);
        single = TestImages.oci(dir.resolve("single"), 3, 32 * 1024, 1);
        multi = TestImages.ociIndex(dir.resolve("multi"), List.of("linux/amd64", "linux/arm64/v8"), 2, 16 * 1024, 2);
        skopeo.push(single, registry.host() + "/team/app:build-1");
        skopeo.push(multi, registry.host() + "/team/multi:build-1");
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private PromotionResult promote(String source, String target) {
        return Promotions.promote(source, target);
    }

    @Test
    void retagByDigestWritesOneManifestAndNoBlobs() throws Exception {
        int mark = registry.accessLogMark();
        PromotionResult result = promote(registry.host() + "/team/app@" + single.digest(), registry.host() + "/team/app:staging");

        List<AccessLogEntry> log = RegistryRequests.since(registry, mark, result.requests());
        assertEquals(single.digest(), result.digest().toString());
        assertEquals(single.digest(), skopeo.digest(registry.host() + "/team/app:staging"));
        // HEAD target (previous digest), GET source by digest, PUT tag, HEAD target again after the settle delay (the
        // proof that no concurrent writer overwrote it).
        assertEquals(4, log.size(), RegistryRequests.describe(log));
        assertEquals(2, RegistryRequests.count(log, "HEAD", "/manifests/staging"));
        assertEquals("HEAD", log.get(3).method(), "the proof comes after the write" + RegistryRequests.describe(log));
        assertEquals(result.requests(), log.size());
        assertEquals(1, RegistryRequests.count(log, "PUT", "/manifests/staging"));
        assertEquals(0, log.stream().filter(e -> e.path().contains("/blobs/")).count(), RegistryRequests.describe(log));
        assertEquals(1, result.manifestsPushed());
        assertNull(result.targets().get(0).previousDigest());
        assertTrue(result.changed());
    }

    @Test
    void retagWhenTargetIsAlreadyThereIsOneHeadAndNoWrite() throws Exception {
        promote(registry.host() + "/team/app@" + single.digest(), registry.host() + "/team/app:prod");
        int mark = registry.accessLogMark();

        PromotionResult again = promote(registry.host() + "/team/app@" + single.digest(), registry.host() + "/team/app:prod");

        List<AccessLogEntry> log = RegistryRequests.since(registry, mark, 1);
        assertEquals(1, log.size(), RegistryRequests.describe(log));
        assertEquals("HEAD", log.get(0).method());
        assertFalse(again.changed());
        assertEquals(single.digest(), again.targets().get(0).previousDigest().toString());
        assertEquals(0, again.manifestsPushed());
        assertEquals(TestImage.OCI_MANIFEST, again.mediaType());
    }

    @Test
    void retagByTagResolvesTheSourceOnceWithItsManifestGet() throws Exception {
        int mark = registry.accessLogMark();
        PromotionResult result = promote(registry.host() + "/team/app:build-1", registry.host() + "/team/app:qa");

        List<AccessLogEntry> log = RegistryRequests.since(registry, mark, 4);
        assertEquals(4, log.size(), RegistryRequests.describe(log));
        assertEquals(1, RegistryRequests.count(log, "GET", "/manifests/build-1"));
        assertEquals(0, RegistryRequests.count(log, "GET", "/manifests/sha256:"), "after resolving, the tag is not read again");
        assertEquals(single.digest(), result.digest().toString());
        assertEquals(single.digest(), skopeo.digest(registry.host() + "/team/app:qa"));
    }

    @Test
    void retagOfAMultiPlatformIndexKeepsTheIndexDigestWithoutTouchingChildren() throws Exception {
        int mark = registry.accessLogMark();
        PromotionResult result = promote(registry.host() + "/team/multi@" + multi.digest(), registry.host() + "/team/multi:staging");

        List<AccessLogEntry> log = RegistryRequests.since(registry, mark, 4);
        assertEquals(multi.digest(), skopeo.digest(registry.host() + "/team/multi:staging"));
        assertEquals(TestImage.OCI_INDEX, result.mediaType());
        assertEquals(4, log.size(), RegistryRequests.describe(log));
        for (String child : multi.childManifestDigests()) {
            assertEquals(0, log.stream().filter(e -> e.path().contains(child)).count(), "child " + child + " must not be touched");
        }
    }

    @Test
    void retagMovesAnExistingTagAndReportsWhereItWas() {
        promote(registry.host() + "/team/multi@" + multi.digest(), registry.host() + "/team/app:moving");
        PromotionResult moved = promote(registry.host() + "/team/app@" + single.digest(), registry.host() + "/team/app:moving");

        // team/app has no index content, so the first promotion copied it across repositories; the second retags.
        assertEquals(multi.digest(), moved.targets().get(0).previousDigest().toString());
        assertTrue(moved.targets().get(0).changed());
        assertEquals(single.digest(), skopeo.digest(registry.host() + "/team/app:moving"));
    }
}
