package io.imagepromotion.core.promote;

import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossRepositoryMountTest {
    RegistryServer registry;
    Skopeo skopeo;
    TestImage single;
    TestImage dockerList;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        skopeo = Skopeo.forRegistry(registry);
        single = TestImages.oci(dir.resolve("single"), 4, 32 * 1024, 11);
        dockerList = TestImages.dockerManifestList(dir.resolve("list"), List.of("linux/amd64", "linux/arm64/v8", "linux/s390x"), 2, 16 * 1024, 12);
        skopeo.push(single, registry.host() + "/dev/app:build-7");
        skopeo.push(dockerList, registry.host() + "/dev/multi:build-7");
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private PromotionResult promote(String source, String target) {
        return Promotions.promote(source, target);
    }

    @Test
    void everyBlobIsMountedConfigIncludedAndNothingIsStreamed() throws Exception {
        int mark = registry.accessLogMark();
        PromotionResult result = promote(registry.host() + "/dev/app@" + single.digest(), registry.host() + "/prod/app:1.0");

        List<AccessLogEntry> log = RegistryRequests.since(registry, mark, result.requests());
        int blobs = single.blobDigests().size();
        // blobs + 2 (GET source manifest, PUT tag) + the HEAD of the target before any write and the one after it,
        // + 2 for the referrers discovery at the source (tags/list, referrers-API probe; none found, so nothing else).
        assertEquals(blobs + 4 + 2, log.size(), RegistryRequests.describe(log));
        assertEquals(1, RegistryRequests.count(log, "GET", "/v2/dev/app/tags/list"), RegistryRequests.describe(log));
        assertEquals(1, RegistryRequests.count(log, "GET", "/v2/dev/app/referrers/"), RegistryRequests.describe(log));
        assertEquals(blobs, RegistryRequests.count(log, "POST", "mount="));
        assertTrue(log.stream().filter(e -> e.method().equals("POST")).allMatch(e -> e.status() == 201), RegistryRequests.describe(log));
        assertEquals(0, log.stream().filter(e -> e.method().equals("GET") && e.path().contains("/blobs/")).count());
        assertEquals(0, log.stream().filter(e -> e.method().equals("PATCH")).count());
        assertEquals(blobs, result.blobsMounted());
        assertEquals(0, result.blobsCopied());
        assertEquals(0, result.bytesCopied());
        for (String blob : single.blobDigests()) {
            assertTrue(registry.hasBlobLinked("prod/app", blob), blob + " linked into prod/app");
        }
        assertEquals(single.digest(), skopeo.digest(registry.host() + "/prod/app:1.0"));
    }

    @Test
    void aDockerManifestListIsCopiedWholeChildrenByDigestBeforeTheTag() throws Exception {
        int mark = registry.accessLogMark();
        PromotionResult result = promote(registry.host() + "/dev/multi:build-7", registry.host() + "/prod/multi:1.0");

        List<AccessLogEntry> log = RegistryRequests.since(registry, mark, result.requests());
        int children = dockerList.childManifestDigests().size();
        int blobs = dockerList.blobDigests().size();
        // GET index by tag, HEAD target, GET + PUT each child, one mount per distinct blob, PUT tag, HEAD tag, and the
        // referrers discovery at the source: one tags/list and one probe, for the index and all its children.
        assertEquals(2 + 2 * children + blobs + 2 + 2, log.size(), RegistryRequests.describe(log));
        int tagPut = indexOf(log, "PUT", "/manifests/1.0");
        for (String child : dockerList.childManifestDigests()) {
            int childPut = indexOf(log, "PUT", "/manifests/" + child);
            assertTrue(childPut >= 0 && childPut < tagPut, "child " + child + " pushed by digest before the tag" + RegistryRequests.describe(log));
            assertTrue(registry.hasManifestRevision("prod/multi", child));
        }
        assertEquals(tagPut, log.size() - 2, "the tag is the last write, only its proof follows");
        assertEquals("HEAD", log.get(log.size() - 1).method());
        assertEquals(dockerList.digest(), result.digest().toString());
        assertEquals(TestImage.DOCKER_MANIFEST_LIST, result.mediaType());
        assertEquals(dockerList.digest(), skopeo.digest(registry.host() + "/prod/multi:1.0"));
        for (String child : dockerList.childManifestDigests()) {
            assertEquals(child, skopeo.digest(registry.host() + "/prod/multi@" + child));
        }
        assertEquals(children + 1, result.manifestsPushed());
    }

    @Test
    void twoTargetsInOneNewRepositoryMountTheContentOnce() throws Exception {
        int mark = registry.accessLogMark();
        try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
            PromotionResult result = promoter.promote(PromotionRequest.builder(ImageReference.parse(registry.host() + "/dev/app:build-7"))
                    .target(ImageReference.parse(registry.host() + "/qa/app:1.0"))
                    .target(ImageReference.parse(registry.host() + "/qa/app:latest")).build());
            List<AccessLogEntry> log = RegistryRequests.since(registry, mark, result.requests());
            assertEquals(single.blobDigests().size(), RegistryRequests.count(log, "POST", "mount="), RegistryRequests.describe(log));
            assertEquals(2, result.targets().size());
        }
        assertEquals(single.digest(), skopeo.digest(registry.host() + "/qa/app:1.0"));
        assertEquals(single.digest(), skopeo.digest(registry.host() + "/qa/app:latest"));
    }

    private static int indexOf(List<AccessLogEntry> log, String method, String pathPart) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).method().equals(method) && log.get(i).pathAndQuery().contains(pathPart)) {
                return i;
            }
        }
        return -1;
    }
}
