package io.imagepromotion.core.promote;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.PreconditionFailedException;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.LayoutUploader;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tag PUT of a compare-and-set carries {@code If-Match: "<expected digest>"}. distribution 2.8.2 ignores it, so a
 * proxy plays a registry that honours it and answers 412: the promotion fails as a precondition, the tag untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class ConditionalTagWriteTest {
    RegistryServer registry;
    FaultInjectingProxy proxy;
    TestImage v1;
    TestImage v2;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        v1 = TestImages.oci(dir.resolve("v1"), 1, 4096, 301);
        v2 = TestImages.oci(dir.resolve("v2"), 1, 4096, 302);
        LayoutUploader upload = LayoutUploader.forRegistry(registry, null, null);
        upload.push(v1, "cond/app", v1.digest());
        upload.push(v2, "cond/app", v2.digest());
        proxy = new FaultInjectingProxy(registry.baseUri());
    }

    @AfterAll
    void stop() {
        proxy.close();
        registry.close();
    }

    @BeforeEach
    void reset() {
        proxy.failConditionalPuts = false;
        proxy.manifestPutIfMatch.clear();
    }

    private PromotionResult promote(String tag, Digest expectCurrent, boolean expectAbsent) {
        Credential credential = Credential.usernamePassword(FaultInjectingProxy.USER, FaultInjectingProxy.PASSWORD);
        TransportSettings settings = TransportSettings.builder().credentials(StaticCredentials.of(Map.of(proxy.host(), credential))).build();
        try (ImagePromoter promoter = new ImagePromoter(settings, PromotionListener.SILENT)) {
            return promoter.promote(PromotionRequest.builder(ImageReference.parse(proxy.host() + "/cond/app@" + v2.digest()))
                    .target(ImageReference.parse(proxy.host() + "/cond/app:" + tag))
                    .expectCurrent(expectCurrent).expectAbsent(expectAbsent).build());
        }
    }

    private void seed(String tag, TestImage image) {
        LayoutUploader.forRegistry(registry, null, null).push(image, "cond/app", tag);
    }

    @Test
    void expectCurrentSendsIfMatchWithTheExpectedDigest() {
        seed("prod-a", v1);
        promote("prod-a", Digest.parse(v1.digest()), false);
        assertEquals(List.of("\"" + v1.digest() + "\""), proxy.manifestPutIfMatch);
        assertEquals(v2.digest(), registry.tagDigestOnDisk("cond/app", "prod-a").orElseThrow());
    }

    @Test
    void aPlainCopySendsNoCondition() {
        promote("plain", null, false);
        assertEquals(List.of(""), proxy.manifestPutIfMatch);
    }

    @Test
    void a412AnswerIsAPreconditionFailureWithTheTagUntouched() {
        seed("prod-b", v1);
        proxy.failConditionalPuts = true;

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> promote("prod-b", Digest.parse(v1.digest()), false));

        assertEquals(ErrorKind.PRECONDITION_FAILED, e.kind());
        assertEquals(3, e.kind().exitCode());
        assertFalse(e.lostRace(), "refused before the write: nothing was overwritten");
        assertTrue(e.getMessage().contains("412") && e.getMessage().contains("it was not changed"), e.getMessage());
        assertEquals(v1.digest(), e.expected());
        assertEquals(v1.digest(), e.actual(), "the HEAD after the refusal says where the tag is");
        assertEquals(v1.digest(), registry.tagDigestOnDisk("cond/app", "prod-b").orElseThrow());
        assertEquals(1, proxy.manifestPutIfMatch.size());
    }
}
