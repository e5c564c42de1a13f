package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.PreconditionFailedException;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareAndSetTest {
    RegistryServer registry;
    Skopeo skopeo;
    TestImage v1;
    TestImage v2;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        skopeo = Skopeo.forRegistry(registry);
        v1 = TestImages.oci(dir.resolve("v1"), 2, 16 * 1024, 31);
        v2 = TestImages.oci(dir.resolve("v2"), 2, 16 * 1024, 32);
        skopeo.push(v1, registry.host() + "/app/web:v1");
        skopeo.push(v2, registry.host() + "/app/web:v2");
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private PromotionResult promote(String target, Digest expectCurrent, boolean expectAbsent, String... moreTargets) {
        try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
            PromotionRequest.Builder b = PromotionRequest.builder(ImageReference.parse(registry.host() + "/app/web@" + v2.digest()))
                    .target(ImageReference.parse(target)).expectCurrent(expectCurrent).expectAbsent(expectAbsent);
            for (String t : moreTargets) {
                b.target(ImageReference.parse(t));
            }
            return promoter.promote(b.build());
        }
    }

    private void seed(String tag, TestImage image) {
        skopeo.copy(registry.host() + "/app/web@" + image.digest(), registry.host() + "/app/web:" + tag);
    }

    @Test
    void expectCurrentMatchingMovesTheTag() {
        seed("prod-a", v1);
        PromotionResult result = promote(registry.host() + "/app/web:prod-a", Digest.parse(v1.digest()), false);
        assertEquals(v1.digest(), result.targets().get(0).previousDigest().toString());
        assertEquals(v2.digest(), skopeo.digest(registry.host() + "/app/web:prod-a"));
    }

    @Test
    void expectCurrentMismatchFailsAndLeavesTheTargetUntouched() throws Exception {
        seed("prod-b", v1);
        int mark = registry.accessLogMark();
        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> promote(registry.host() + "/app/web:prod-b", Digest.parse(v2.digest()), false));

        assertEquals(ErrorKind.PRECONDITION_FAILED, e.kind());
        assertEquals(v1.digest(), e.actual());
        assertEquals(v2.digest(), e.expected());
        assertTrue(e.getMessage().contains("prod-b") && e.getMessage().contains(v1.digest()), e.getMessage());
        List<AccessLogEntry> log = RegistryRequests.since(registry, mark, 1);
        assertEquals(0, log.stream().filter(l -> !l.method().equals("HEAD") && !l.method().equals("GET")).count(),
                "no write at all" + RegistryRequests.describe(log));
        assertEquals(v1.digest(), registry.tagDigestOnDisk("app/web", "prod-b").orElseThrow());
    }

    @Test
    void expectCurrentOnAnAbsentTargetFails() {
        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> promote(registry.host() + "/app/web:never", Digest.parse(v1.digest()), false));
        assertNull(e.actual());
        assertTrue(registry.tagDigestOnDisk("app/web", "never").isEmpty());
    }

    @Test
    void expectAbsentFailsWhenTheTagExists() {
        seed("prod-c", v1);
        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> promote(registry.host() + "/app/web:prod-c", null, true));
        assertEquals(v1.digest(), e.actual());
        assertEquals(v1.digest(), registry.tagDigestOnDisk("app/web", "prod-c").orElseThrow());
    }

    @Test
    void expectAbsentWritesANewTag() {
        PromotionResult result = promote(registry.host() + "/app/web:fresh", null, true);
        assertNull(result.targets().get(0).previousDigest());
        assertEquals(v2.digest(), skopeo.digest(registry.host() + "/app/web:fresh"));
    }

    @Test
    void aTargetMovedWhileContentWasCopiedFailsBeforeAnyTagIsWritten() {
        seed("moved-pair", v1);
        skopeo.copy(registry.host() + "/app/web@" + v1.digest(), registry.host() + "/app/other:prod");
        PromotionRequest request = PromotionRequest.builder(ImageReference.parse(registry.host() + "/app/web@" + v2.digest()))
                .target(ImageReference.parse(registry.host() + "/app/web:moved-pair"))
                .target(ImageReference.parse(registry.host() + "/app/other:prod"))
                .expectCurrent(Digest.parse(v1.digest())).build();
        PromotionListener concurrentWriter = new PromotionListener() {
            @Override
            public void planned(PromotionPlan plan) {
                // Someone else moves the target after the plan and before our tags are written.
                skopeo.copy(registry.host() + "/app/web@" + v2.digest(), registry.host() + "/app/other:prod");
            }
        };
        try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), concurrentWriter)) {
            PreconditionFailedException e = assertThrows(PreconditionFailedException.class, () -> promoter.promote(request));
            assertTrue(e.getMessage().contains("after copying the content"), e.getMessage());
        }
        assertEquals(v1.digest(), registry.tagDigestOnDisk("app/web", "moved-pair").orElseThrow(), "the other target was not written either");
    }

    @Test
    void aConflictOnAnyTargetWritesNoTargetAtAll() {
        seed("pair-1", v1);
        seed("pair-2", v2);
        // pair-1 holds v1 as expected, pair-2 does not: neither may move.
        assertThrows(PreconditionFailedException.class, () -> promote(registry.host() + "/app/web:pair-1",
                Digest.parse(v1.digest()), false, registry.host() + "/app/web:pair-2"));
        assertEquals(v1.digest(), registry.tagDigestOnDisk("app/web", "pair-1").orElseThrow());
        assertEquals(v2.digest(), registry.tagDigestOnDisk("app/web", "pair-2").orElseThrow());
    }

    private void promoteWithEach(java.util.Map<String, TestImage> expected) {
        try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
            PromotionRequest.Builder b = PromotionRequest.builder(ImageReference.parse(registry.host() + "/app/web@" + v2.digest()));
            expected.forEach((target, image) -> b.target(ImageReference.parse(target))
                    .expectCurrent(ImageReference.parse(target), image == null ? null : Digest.parse(image.digest())));
            promoter.promote(b.build());
        }
    }

    @Test
    void eachTargetIsComparedWithItsOwnExpectedDigest() {
        seed("each-held", v1);
        java.util.Map<String, TestImage> expected = new java.util.LinkedHashMap<>();
        expected.put(registry.host() + "/app/web:each-held", v1);
        expected.put(registry.host() + "/app/web:each-absent", null);

        promoteWithEach(expected);

        assertEquals(v2.digest(), skopeo.digest(registry.host() + "/app/web:each-held"));
        assertEquals(v2.digest(), skopeo.digest(registry.host() + "/app/web:each-absent"));
    }

    @Test
    void oneTargetOffItsExpectedDigestFailsBeforeAnyTargetIsWritten() {
        seed("off-held", v1);
        seed("off-expected-absent", v1);
        java.util.Map<String, TestImage> expected = new java.util.LinkedHashMap<>();
        expected.put(registry.host() + "/app/web:off-held", v1);
        expected.put(registry.host() + "/app/web:off-expected-absent", null);

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class, () -> promoteWithEach(expected));

        assertTrue(e.getMessage().contains("off-expected-absent") && e.getMessage().contains("expected to be absent"),
                e.getMessage());
        assertEquals(v1.digest(), skopeo.digest(registry.host() + "/app/web:off-held"), "the first target was not written");
    }

    @Test
    void perTargetExpectationsReplaceTheSharedOnesAndMustNameATarget() {
        ImageReference source = ImageReference.parse(registry.host() + "/app/web@" + v2.digest());
        ImageReference target = ImageReference.parse(registry.host() + "/app/web:x");

        assertThrows(io.imagepromotion.core.error.InvalidInputException.class, () -> PromotionRequest.builder(source)
                .target(target).expectCurrent(target, null).expectAbsent(true).build());
        assertThrows(io.imagepromotion.core.error.InvalidInputException.class, () -> PromotionRequest.builder(source)
                .target(target).expectCurrent(ImageReference.parse(registry.host() + "/app/web:y"), null).build());
    }
}
