package io.imagepromotion.core.promote;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.RetryPolicy;
import io.imagepromotion.core.transport.TransportSettings;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults a real registry cannot be made to produce, injected by a proxy in front of one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportFaultsTest {
    RegistryServer source;
    RegistryServer target;
    FaultInjectingProxy proxy;
    TestImage image;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        source = RegistryServer.startPlain(dir.resolve("source"));
        target = RegistryServer.startPlain(dir.resolve("target"));
        image = TestImages.oci(dir.resolve("image"), 3, 32 * 1024, 71);
        Skopeo.forRegistry(source).push(image, source.host() + "/dev/app:1");
        proxy = new FaultInjectingProxy(source.baseUri());
    }

    @AfterAll
    void stop() {
        proxy.close();
        source.close();
        target.close();
    }

    private PromotionResult promote(String to, List<String> warnings) {
        TransportSettings settings = TransportSettings.builder()
                .credentials(StaticCredentials.single(proxy.host(), Credential.usernamePassword(FaultInjectingProxy.USER, FaultInjectingProxy.PASSWORD)))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(10)))
                // Named insecure, so TLS is tried first; the JDK's test HTTP server ignores a TLS hello, so that probe
                // ends by the connect timeout, and the transport falls back to plain HTTP.
                .insecureRegistry(proxy.host())
                .connectTimeout(Duration.ofMillis(500))
                .build();
        try (ImagePromoter promoter = new ImagePromoter(settings, new PromotionListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        })) {
            return promoter.promote(PromotionRequest.builder(ImageReference.parse(proxy.host() + "/dev/app:1"))
                    .target(ImageReference.parse(to)).build());
        }
    }

    @Test
    void unavailableAnswersAreRetriedAndTheCopySucceeds() {
        proxy.unavailableLeft.set(2);
        List<String> warnings = new ArrayList<>();
        PromotionResult result = promote(target.host() + "/retry/app:1", warnings);
        assertEquals(image.digest(), Skopeo.forRegistry(target).digest(target.host() + "/retry/app:1"));
        assertEquals(2, warnings.stream().filter(w -> w.contains("HTTP 503")).count(), warnings.toString());
        assertEquals(image.digest(), result.digest().toString());
    }

    @Test
    void aRegistryThatRefusesWholeBodiesGetsTheBlobInChunks() throws Exception {
        try (FaultInjectingProxy targetProxy = new FaultInjectingProxy(target.baseUri())) {
            targetProxy.maxPutBody = 1024;
            TransportSettings settings = throughBothProxies(targetProxy)
                    .chunkSize(10 * 1024)
                    .build();
            List<String> warnings = new ArrayList<>();
            PromotionResult result;
            try (ImagePromoter promoter = new ImagePromoter(settings, new PromotionListener() {
                @Override
                public void warning(String message) {
                    warnings.add(message);
                }
            })) {
                result = promoter.promote(PromotionRequest.builder(ImageReference.parse(proxy.host() + "/dev/app:1"))
                        .target(ImageReference.parse(targetProxy.host() + "/chunked/app:1")).build());
            }
            long expectedPatches = 0;
            int overLimit = 0;
            for (String blob : image.blobDigests()) {
                long size = java.nio.file.Files.size(image.blobPath(blob));
                if (size > 1024) {
                    overLimit++;
                    expectedPatches += (size + 10 * 1024 - 1) / (10 * 1024);
                }
            }
            assertTrue(overLimit >= 3, "the layers are over the limit");
            assertEquals(overLimit, targetProxy.refusedPuts.get(), "each large blob tried in one request first");
            assertEquals(expectedPatches, targetProxy.patches.get());
            assertEquals(image.blobDigests().size(), result.blobsCopied());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("in chunks")), warnings.toString());
            assertEquals(image.digest(), Skopeo.forRegistry(target).digest(target.host() + "/chunked/app:1"));
        }
    }

    @Test
    void aTagPutAnsweredWithoutItsDigestIsReadBack() throws Exception {
        try (FaultInjectingProxy targetProxy = new FaultInjectingProxy(target.baseUri())) {
            targetProxy.hideManifestPutDigest = true;
            PromotionResult result = promoteThrough(targetProxy, targetProxy.host() + "/readback/app:1");
            List<String> manifestRequests = targetProxy.requests.stream().filter(r -> r.contains("/manifests/")).toList();
            assertEquals(List.of("HEAD /v2/readback/app/manifests/1", "PUT /v2/readback/app/manifests/1",
                    "HEAD /v2/readback/app/manifests/1"), manifestRequests);
            assertEquals(image.digest(), result.digest().toString());
            assertEquals(image.digest(), Skopeo.forRegistry(target).digest(target.host() + "/readback/app:1"));
        }
    }

    @Test
    void aTagIsReadBackEvenWhenItsPutAnswerNamesTheDigest() throws Exception {
        // The answer proves what the PUT stored, not that nobody wrote the tag just after: only a read-back shows that.
        try (FaultInjectingProxy targetProxy = new FaultInjectingProxy(target.baseUri())) {
            PromotionResult result = promoteThrough(targetProxy, targetProxy.host() + "/confirmed/app:1");
            List<String> manifestRequests = targetProxy.requests.stream().filter(r -> r.contains("/manifests/")).toList();
            assertEquals(List.of("HEAD /v2/confirmed/app/manifests/1", "PUT /v2/confirmed/app/manifests/1",
                    "HEAD /v2/confirmed/app/manifests/1"), manifestRequests);
            assertEquals(image.digest(), result.digest().toString());
        }
    }

    /** Settings with the proxies' credentials: the source proxy and one in front of the target registry. */
    private TransportSettings.Builder throughBothProxies(FaultInjectingProxy targetProxy) {
        Credential credential = Credential.usernamePassword(FaultInjectingProxy.USER, FaultInjectingProxy.PASSWORD);
        return TransportSettings.builder()
                .credentials(StaticCredentials.of(java.util.Map.of(proxy.host(), credential, targetProxy.host(), credential)));
    }

    private PromotionResult promoteThrough(FaultInjectingProxy targetProxy, String to) {
        TransportSettings settings = throughBothProxies(targetProxy).build();
        try (ImagePromoter promoter = new ImagePromoter(settings, PromotionListener.SILENT)) {
            return promoter.promote(PromotionRequest.builder(ImageReference.parse(proxy.host() + "/dev/app:1"))
                    .target(ImageReference.parse(to)).build());
        }
    }

    @Test
    void blobRedirectsToAnotherOriginCarryNoCredentials() {
        proxy.redirectBlobs = true;
        try {
            PromotionResult result = promote(target.host() + "/redirect/app:1", new ArrayList<>());
            assertEquals(image.blobDigests().size(), result.blobsCopied());
            assertEquals(image.blobDigests().size(), proxy.blobStoreRequests.get(), "every blob read went to the blob store");
            assertTrue(proxy.blobStoreAuthorizations.isEmpty(), "credentials leaked: " + proxy.blobStoreAuthorizations);
            assertEquals(image.digest(), Skopeo.forRegistry(target).digest(target.host() + "/redirect/app:1"));
        } finally {
            proxy.redirectBlobs = false;
        }
    }
}
