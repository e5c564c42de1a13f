package io.imagepromotion.core.promote;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.error.RegistryException;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The child manifests of an index are read and written several at once. A proxy in front of the registry holds those
 * requests until all four platforms' requests are waiting: that happens only if they are in flight together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentChildManifestsTest {
    static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64/v8", "linux/s390x", "linux/ppc64le");

    RegistryServer registry;
    FaultInjectingProxy proxy;
    TestImage index;
    TestImage other;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        index = TestImages.ociIndex(dir.resolve("index"), PLATFORMS, 2, 8 * 1024, 91);
        other = TestImages.oci(dir.resolve("other"), 1, 8 * 1024, 92);
        Skopeo.forRegistry(registry).push(index, registry.host() + "/dev/multi:1");
        proxy = new FaultInjectingProxy(registry.baseUri());
    }

    @AfterEach
    void openTheProxy() {
        proxy.gate = null;
        proxy.refusedManifest = null;
    }

    @AfterAll
    void stop() {
        proxy.close();
        registry.close();
    }

    private PromotionResult promoteThroughProxy(String targetRepositoryAndTag) {
        TransportSettings settings = TransportSettings.builder()
                .credentials(StaticCredentials.single(proxy.host(),
                        Credential.usernamePassword(FaultInjectingProxy.USER, FaultInjectingProxy.PASSWORD)))
                .build();
        try (ImagePromoter promoter = new ImagePromoter(settings, PromotionListener.SILENT)) {
            return promoter.promote(PromotionRequest.builder(ImageReference.parse(proxy.host() + "/dev/multi:1"))
                    .target(ImageReference.parse(proxy.host() + "/" + targetRepositoryAndTag)).build());
        }
    }

    @Test
    void theChildManifestsOfAnIndexAreFetchedAtTheSameTime() {
        // The top manifest is read by tag; only the children are read by digest.
        FaultInjectingProxy.ArrivalGate gate = new FaultInjectingProxy.ArrivalGate("GET", "/manifests/sha256:", PLATFORMS.size(),
                Duration.ofSeconds(2));
        proxy.gate = gate;

        PromotionResult result = promoteThroughProxy("prod/fetched:1");

        assertEquals(PLATFORMS.size(), gate.arrived.get());
        assertEquals(0, gate.timedOut.get(), "child GETs waited for one another: they were sent one by one");
        assertEquals(index.digest(), result.digest().toString());
        assertEquals(Optional.of(index.digest()), registry.tagDigestOnDisk("prod/fetched", "1"));
    }

    @Test
    void theChildManifestsOfAnIndexArePushedAtTheSameTime() {
        // Children are written by digest, the tag by name.
        FaultInjectingProxy.ArrivalGate gate = new FaultInjectingProxy.ArrivalGate("PUT", "/manifests/sha256:", PLATFORMS.size(),
                Duration.ofSeconds(2));
        proxy.gate = gate;

        PromotionResult result = promoteThroughProxy("prod/pushed:1");

        assertEquals(PLATFORMS.size(), gate.arrived.get());
        assertEquals(0, gate.timedOut.get(), "child PUTs waited for one another: they were sent one by one");
        for (String child : index.childManifestDigests()) {
            assertTrue(registry.hasManifestRevision("prod/pushed", child), child);
        }
        assertEquals(Optional.of(index.digest()), registry.tagDigestOnDisk("prod/pushed", "1"));
        assertEquals(PLATFORMS.size() + 1, result.manifestsPushed());
    }

    @Test
    void aRefusedChildManifestLeavesTheTargetTagWhereItWasAndNamesTheChild() throws Exception {
        Skopeo.forRegistry(registry).push(other, registry.host() + "/prod/refused:1");
        String refusedChild = index.childManifestDigests().get(2);
        proxy.refusedManifest = refusedChild;
        int mark = registry.accessLogMark();

        RegistryException e = assertThrows(RegistryException.class, () -> promoteThroughProxy("prod/refused:1"));

        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(refusedChild), e.getMessage());
        assertEquals(Optional.of(other.digest()), registry.tagDigestOnDisk("prod/refused", "1"));
        // The siblings may have landed (they were in flight); the tag was never sent.
        List<AccessLogEntry> log = RegistryRequests.since(registry, mark, 1);
        assertEquals(0, RegistryRequests.count(log, "PUT", "/manifests/1"), RegistryRequests.describe(log));
        assertEquals(0, RegistryRequests.count(log, "PUT", "/manifests/" + refusedChild), RegistryRequests.describe(log));
    }
}
