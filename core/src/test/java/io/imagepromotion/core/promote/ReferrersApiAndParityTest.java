package io.imagepromotion.core.promote;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.referrers.FallbackTag;
import io.imagepromotion.core.referrers.MissingReferrersException;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a real 2.8.2 registry cannot do, through {@link FaultInjectingProxy} in front of one: the referrers API
 * (answered by the proxy from the manifests with a {@code subject} pushed through it), and a referrer blob that
 * fails to upload, which the parity check must catch before the target tag moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ReferrersApiAndParityTest {
    RegistryServer source;
    RegistryServer target;
    Skopeo sourceSkopeo;
    Skopeo targetSkopeo;
    Path dir;
    int seed = 300;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        source = RegistryServer.startPlain(dir.resolve("source"));
        target = RegistryServer.startPlain(dir.resolve("target"));
        sourceSkopeo = Skopeo.forRegistry(source);
        targetSkopeo = Skopeo.forRegistry(target);
    }

    @AfterAll
    void stop() {
        source.close();
        target.close();
    }

    private TestImage image(String ref) {
        TestImage image = TestImages.oci(dir.resolve("img" + seed), 2, 8 * 1024, seed++);
        sourceSkopeo.push(image, ref);
        return image;
    }

    private static TransportSettings through(FaultInjectingProxy proxy) {
        Credential credential = Credential.usernamePassword(FaultInjectingProxy.USER, FaultInjectingProxy.PASSWORD);
        return TransportSettings.builder().credentials(StaticCredentials.of(Map.of(proxy.host(), credential))).build();
    }

    private static PromotionResult promote(TransportSettings settings, String from, String to) {
        try (ImagePromoter promoter = new ImagePromoter(settings, PromotionListener.SILENT)) {
            return promoter.promote(PromotionRequest.builder(ImageReference.parse(from)).target(ImageReference.parse(to)).build());
        }
    }

    @Test
    void referrersListedByTheReferrersApiAreCopiedAndTheTargetsApiIndexesThemWithoutAFallbackTag() throws Exception {
        try (FaultInjectingProxy api = new FaultInjectingProxy(source.baseUri())) {
            api.referrersApi = true;
            TransportSettings settings = through(api);
            TestImage image = image(source.host() + "/dev/api:1");
            Digest digest = Digest.parse(image.digest());
            RawManifest sbom;
            try (ReferrerFixtures fixtures = new ReferrerFixtures(settings)) {
                sbom = fixtures.ociReferrer(api.host() + "/dev/api", digest, image.mediaType(), 0, "application/spdx+json", "api-1", false);
            }
            int before = api.requests.size();

            PromotionResult result = promote(settings, api.host() + "/dev/api:1", api.host() + "/prod/api:1");

            List<String> sent = api.requests.subList(before, api.requests.size());
            assertArrayEquals(sourceSkopeo.rawManifest(source.host() + "/dev/api@" + sbom.digest()),
                    sourceSkopeo.rawManifest(source.host() + "/prod/api@" + sbom.digest()));
            // Found through the API at the source, indexed by the API at the target (it answered OCI-Subject): no
            // fallback tag was read or written anywhere.
            assertEquals(List.of("1"), sourceSkopeo.listTags(source.host() + "/prod/api"));
            assertEquals(0, sent.stream().filter(r -> r.contains("/manifests/" + FallbackTag.of(digest))).count(), String.join("\n", sent));
            assertEquals(1, sent.stream().filter(r -> r.equals("GET /v2/dev/api/referrers/" + digest)).count(), String.join("\n", sent));
            assertTrue(sent.contains("GET /v2/prod/api/referrers/" + digest), "the parity check asked the target's API");
            assertEquals(0, result.referrers().indexesMerged());
            assertEquals(1, result.referrers().found().size());
            assertEquals(image.digest(), sourceSkopeo.digest(source.host() + "/prod/api:1"));
        }
    }

    @Test
    void aReferrerBlobThatFailsGivesTheTypedErrorNamingItAndLeavesTheTargetTagWhereItWas() throws Exception {
        TestImage old = image(source.host() + "/dev/broken:old");
        TestImage image = image(source.host() + "/dev/broken:1");
        String repo = source.host() + "/dev/broken";
        RawManifest sig;
        RawManifest att;
        try (ReferrerFixtures fixtures = new ReferrerFixtures()) {
            sig = fixtures.cosignTag(repo, Digest.parse(image.digest()), ".sig", "broken");
            att = fixtures.cosignTag(repo, Digest.parse(image.digest()), ".att", "fine");
        }
        try (FaultInjectingProxy targetProxy = new FaultInjectingProxy(target.baseUri())) {
            TransportSettings settings = through(targetProxy);
            promote(settings, repo + ":old", targetProxy.host() + "/prod/broken:1");
            assertEquals(old.digest(), targetSkopeo.digest(target.host() + "/prod/broken:1"));
            // The signature's layer (its second blob) cannot be uploaded to the target.
            targetProxy.refusedBlob = sig.blobs().get(1).digest().toString();

            MissingReferrersException e = assertThrows(MissingReferrersException.class,
                    () -> promote(settings, repo + ":1", targetProxy.host() + "/prod/broken:1"));

            String sigTag = FallbackTag.of(Digest.parse(image.digest())) + ".sig";
            assertEquals(List.of(sigTag + "@" + sig.digest()), e.missing());
            assertTrue(e.getMessage().contains("BLOB_UPLOAD_INVALID"), e.getMessage());
            assertEquals(targetProxy.host() + "/prod/broken:1", e.target());
            assertEquals(old.digest(), targetSkopeo.digest(target.host() + "/prod/broken:1"), "the target tag did not move");
            assertEquals(old.digest(), target.tagDigestOnDisk("prod/broken", "1").orElseThrow());
            // The other referrer did arrive: one failure does not stop the rest.
            assertEquals(att.digest().toString(), targetSkopeo.digest(target.host() + "/prod/broken:"
                    + FallbackTag.of(Digest.parse(image.digest())) + ".att"));
        }
    }
}
