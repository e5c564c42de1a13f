package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.referrers.FallbackTag;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source digest's referrers travel with the image, on two real distribution 2.8.2 registries (no referrers API:
 * cosign tags and the fallback index), byte for byte, recursively, before the target tag moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ReferrersTravelTest {
    RegistryServer source;
    RegistryServer target;
    Skopeo sourceSkopeo;
    Skopeo targetSkopeo;
    ReferrerFixtures fixtures;
    Path dir;
    int seed = 100;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        source = RegistryServer.startPlain(dir.resolve("source"));
        target = RegistryServer.startPlain(dir.resolve("target"));
        sourceSkopeo = Skopeo.forRegistry(source);
        targetSkopeo = Skopeo.forRegistry(target);
        fixtures = new ReferrerFixtures();
    }

    @AfterAll
    void stop() {
        fixtures.close();
        source.close();
        target.close();
    }

    /** A fresh single-platform image in {@code repository:1} of the source registry. */
    private TestImage image(String repository) {
        TestImage image = TestImages.oci(dir.resolve("img" + seed), 2, 8 * 1024, seed++);
        sourceSkopeo.push(image, source.host() + "/" + repository + ":1");
        return image;
    }

    private static Digest digest(TestImage image) {
        return Digest.parse(image.digest());
    }

    private PromotionResult promote(String from, String to, boolean referrers) {
        try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
            return promoter.promote(PromotionRequest.builder(ImageReference.parse(from)).target(ImageReference.parse(to))
                    .copyReferrers(referrers).build());
        }
    }

    private void assertSameBytes(Skopeo fromSkopeo, String from, Skopeo toSkopeo, String to) {
        assertArrayEquals(fromSkopeo.rawManifest(from), toSkopeo.rawManifest(to), from + " and " + to + " differ");
    }

    @Test
    void cosignSignatureAndAttestationTagsAreCopiedByteIdenticalToAnotherRepository() throws Exception {
        TestImage image = image("dev/signed");
        String tagBase = FallbackTag.of(digest(image));
        RawManifest sig = fixtures.cosignTag(source.host() + "/dev/signed", digest(image), ".sig", "s1");
        RawManifest att = fixtures.cosignTag(source.host() + "/dev/signed", digest(image), ".att", "a1");

        int mark = source.accessLogMark();
        PromotionResult result = promote(source.host() + "/dev/signed@" + image.digest(), source.host() + "/prod/signed:1", true);
        List<AccessLogEntry> log = RegistryRequests.since(source, mark, result.requests());

        for (String suffix : List.of(".sig", ".att")) {
            assertSameBytes(sourceSkopeo, source.host() + "/dev/signed:" + tagBase + suffix,
                    sourceSkopeo, source.host() + "/prod/signed:" + tagBase + suffix);
        }
        assertEquals(sig.digest().toString(), sourceSkopeo.digest(source.host() + "/prod/signed:" + tagBase + ".sig"));
        assertEquals(att.digest().toString(), sourceSkopeo.digest(source.host() + "/prod/signed:" + tagBase + ".att"));
        for (var blob : sig.blobs()) {
            assertTrue(source.hasBlobLinked("prod/signed", blob.digest().toString()), "signature blob mounted");
        }
        assertEquals(image.digest(), sourceSkopeo.digest(source.host() + "/prod/signed:1"));
        assertEquals(2, result.referrers().found().size());
        assertEquals(2, result.referrers().manifestsPushed());
        assertEquals(4, result.referrers().blobsMounted());

        int blobs = image.blobDigests().size();
        // The image: blobs + 4. Discovery at the source: tags/list and the referrers probe, then one GET per cosign tag.
        // At the target: a tags/list before copying; per referrer its 2 blob mounts and the tag PUT; the parity check:
        // tags/list, the probe, one HEAD per cosign tag.
        assertEquals(blobs + 4 + (2 + 2) + 1 + 2 * 3 + (2 + 2), log.size(), RegistryRequests.describe(log));
        assertEquals(result.requests(), log.size());
        assertEquals(3, RegistryRequests.count(log, "GET", "/tags/list"), RegistryRequests.describe(log));
        assertEquals(2, RegistryRequests.count(log, "GET", "/referrers/"), RegistryRequests.describe(log));
        assertTagWrittenLast(log, "/v2/prod/signed/manifests/1");
    }

    /** Every referrer write comes before the PUT of the target tag. */
    private static void assertTagWrittenLast(List<AccessLogEntry> log, String tagPath) {
        int tagPut = -1;
        int lastOther = -1;
        for (int i = 0; i < log.size(); i++) {
            AccessLogEntry e = log.get(i);
            if (e.method().equals("PUT") && e.path().equals(tagPath)) {
                tagPut = i;
            } else if (e.method().equals("PUT") || e.method().equals("POST")) {
                lastOther = i;
            }
        }
        assertTrue(tagPut > lastOther, "the target tag is written after every referrer" + RegistryRequests.describe(log));
    }

    @Test
    void cosignTagsAreCopiedByteIdenticalToAnotherRegistry() throws Exception {
        TestImage image = image("dev/far");
        String tagBase = FallbackTag.of(digest(image));
        RawManifest sig = fixtures.cosignTag(source.host() + "/dev/far", digest(image), ".sig", "s2");
        fixtures.cosignTag(source.host() + "/dev/far", digest(image), ".att", "a2");
        fixtures.cosignTag(source.host() + "/dev/far", digest(image), ".sbom", "b2");

        int targetMark = target.accessLogMark();
        PromotionResult result = promote(source.host() + "/dev/far:1", target.host() + "/prod/far:1", true);

        for (String suffix : List.of(".sig", ".att", ".sbom")) {
            assertSameBytes(sourceSkopeo, source.host() + "/dev/far:" + tagBase + suffix,
                    targetSkopeo, target.host() + "/prod/far:" + tagBase + suffix);
        }
        assertEquals(sig.digest().toString(), targetSkopeo.digest(target.host() + "/prod/far:" + tagBase + ".sig"));
        assertEquals(image.digest(), targetSkopeo.digest(target.host() + "/prod/far:1"));
        assertEquals(3, result.referrers().found().size());
        // Each cosign manifest has a config and a layer of its own: 6 blobs streamed.
        assertEquals(6, result.referrers().blobsCopied());
        List<AccessLogEntry> dst = RegistryRequests.since(target, targetMark, 1);
        assertTagWrittenLast(dst, "/v2/prod/far/manifests/1");
    }

    @Test
    void anOciReferrerFoundThroughTheFallbackTagIsCopiedAndMergedIntoTheTargetsFallbackIndex() throws Exception {
        TestImage image = image("dev/attested");
        String repo = source.host() + "/dev/attested";
        RawManifest sbom = fixtures.ociReferrer(repo, digest(image), image.mediaType(), 0, "application/spdx+json", "sbom-1");
        // The target already lists a referrer of the same digest, written by someone else: it must stay.
        RawManifest theirs = fixtures.ociReferrer(target.host() + "/prod/attested", digest(image), image.mediaType(), 0,
                "application/vnd.example.scan+json", "scan-1");

        int sourceMark = source.accessLogMark();
        int targetMark = target.accessLogMark();
        PromotionResult result = promote(repo + ":1", target.host() + "/prod/attested:1", true);
        List<AccessLogEntry> src = RegistryRequests.since(source, sourceMark, 1);
        List<AccessLogEntry> dst = RegistryRequests.since(target, targetMark, 1);

        // The fallback index per subject: 1 GET at the source; at the target the merge's GET, PUT and re-read GET,
        // then the parity check's GET.
        String fallback = "/manifests/" + FallbackTag.of(digest(image));
        assertEquals(1, src.stream().filter(e -> e.path().endsWith(fallback)).count(), RegistryRequests.describe(src));
        assertEquals(List.of("GET", "PUT", "GET", "GET"), dst.stream().filter(e -> e.path().endsWith(fallback))
                .map(AccessLogEntry::method).toList(), RegistryRequests.describe(dst));
        assertEquals(1, RegistryRequests.count(src, "GET", "/manifests/" + sbom.digest()), "the referrer read once by digest");
        assertEquals(1, RegistryRequests.count(dst, "PUT", "/manifests/" + sbom.digest()), "and written once by digest");
        assertTagWrittenLast(dst, "/v2/prod/attested/manifests/1");

        assertSameBytes(sourceSkopeo, repo + "@" + sbom.digest(), targetSkopeo, target.host() + "/prod/attested@" + sbom.digest());
        List<Digest> listed = fixtures.fallbackEntries(target.host() + "/prod/attested", digest(image));
        assertEquals(List.of(theirs.digest(), sbom.digest()), listed, "merged, never replaced");
        assertEquals(1, result.referrers().indexesMerged());
        assertEquals(image.digest(), targetSkopeo.digest(target.host() + "/prod/attested:1"));
    }

    @Test
    void referrersOfReferrersTravelToo() throws Exception {
        TestImage image = image("dev/deep");
        String repo = source.host() + "/dev/deep";
        RawManifest att = fixtures.cosignTag(repo, digest(image), ".att", "a3");
        RawManifest attSig = fixtures.cosignTag(repo, att.digest(), ".sig", "signature-of-the-attestation");
        RawManifest provenance = fixtures.ociReferrer(repo, digest(image), image.mediaType(), 0, "application/vnd.example.prov+json", "p3");
        RawManifest provenanceSig = fixtures.ociReferrer(repo, provenance.digest(), MediaTypes.OCI_MANIFEST, provenance.size(),
                "application/vnd.example.sig+json", "sig-of-prov");

        PromotionResult result = promote(repo + ":1", source.host() + "/prod/deep:1", true);

        assertEquals(attSig.digest().toString(), sourceSkopeo.digest(source.host() + "/prod/deep:" + FallbackTag.of(att.digest()) + ".sig"));
        assertSameBytes(sourceSkopeo, repo + "@" + provenanceSig.digest(), sourceSkopeo, source.host() + "/prod/deep@" + provenanceSig.digest());
        assertEquals(List.of(provenance.digest()), fixtures.fallbackEntries(source.host() + "/prod/deep", digest(image)));
        assertEquals(List.of(provenanceSig.digest()), fixtures.fallbackEntries(source.host() + "/prod/deep", provenance.digest()));
        assertEquals(4, result.referrers().found().size());
    }

    @Test
    void theSignatureOfAnIndexChildTravelsWithTheIndex() throws Exception {
        TestImage index = TestImages.ociIndex(dir.resolve("index"), List.of("linux/amd64", "linux/arm64/v8"), 1, 4 * 1024, 150);
        sourceSkopeo.push(index, source.host() + "/dev/multi:1");
        Digest child = Digest.parse(index.childManifestDigests().get(1));
        RawManifest childSig = fixtures.cosignTag(source.host() + "/dev/multi", child, ".sig", "child");

        int mark = source.accessLogMark();
        PromotionResult result = promote(source.host() + "/dev/multi:1", source.host() + "/prod/multi:1", true);
        List<AccessLogEntry> log = RegistryRequests.since(source, mark, result.requests());

        String tag = source.host() + "/prod/multi:" + FallbackTag.of(child) + ".sig";
        assertEquals(childSig.digest().toString(), sourceSkopeo.digest(tag));
        assertSameBytes(sourceSkopeo, source.host() + "/dev/multi:" + FallbackTag.of(child) + ".sig", sourceSkopeo, tag);
        assertEquals(index.digest(), sourceSkopeo.digest(source.host() + "/prod/multi:1"));
        // One listing covers the index and both children: still 2 discovery requests at the source.
        assertEquals(1, log.stream().filter(e -> e.path().startsWith("/v2/dev/multi/tags/list")).count(), RegistryRequests.describe(log));
        assertEquals(1, log.stream().filter(e -> e.path().startsWith("/v2/dev/multi/referrers/")).count(), RegistryRequests.describe(log));
    }

    @Test
    void withReferrersOffNoneIsCopiedAndNoRequestIsAdded() throws Exception {
        TestImage image = image("dev/bare");
        fixtures.cosignTag(source.host() + "/dev/bare", digest(image), ".sig", "s4");
        fixtures.ociReferrer(source.host() + "/dev/bare", digest(image), image.mediaType(), 0, "application/spdx+json", "x4");

        int mark = source.accessLogMark();
        PromotionResult result = promote(source.host() + "/dev/bare@" + image.digest(), source.host() + "/prod/bare:1", false);
        List<AccessLogEntry> log = RegistryRequests.since(source, mark, result.requests());

        assertEquals(List.of("1"), sourceSkopeo.listTags(source.host() + "/prod/bare"));
        assertFalse(result.referrers().enabled());
        assertEquals(image.blobDigests().size() + 4, log.size(), RegistryRequests.describe(log));
    }

    @Test
    void anImageWithoutReferrersCostsTwoRequestsAtTheSourceAndNoneAtTheTarget() throws Exception {
        TestImage image = image("dev/plain");
        int sourceMark = source.accessLogMark();
        int targetMark = target.accessLogMark();
        PromotionResult result = promote(source.host() + "/dev/plain@" + image.digest(), target.host() + "/prod/plain:1", true);

        List<AccessLogEntry> src = RegistryRequests.since(source, sourceMark, 1);
        List<AccessLogEntry> dst = RegistryRequests.since(target, targetMark, 1);
        int blobs = image.blobDigests().size();
        assertEquals(3 * blobs + 4 + 2, src.size() + dst.size(), RegistryRequests.describe(src) + RegistryRequests.describe(dst));
        assertEquals(1, RegistryRequests.count(src, "GET", "/tags/list?n=1000&last=sha256-"), RegistryRequests.describe(src));
        assertEquals(1, RegistryRequests.count(src, "GET", "/referrers/" + image.digest()), RegistryRequests.describe(src));
        assertEquals(0, RegistryRequests.count(dst, "GET", "/tags/list") + RegistryRequests.count(dst, "GET", "/referrers/"));
        assertTrue(result.referrers().found().isEmpty());
    }

    @Test
    void aSameRepositoryRetagSendsNoDiscoveryRequest() throws Exception {
        TestImage image = image("dev/retag");
        fixtures.cosignTag(source.host() + "/dev/retag", digest(image), ".sig", "s5");
        int mark = source.accessLogMark();
        PromotionResult result = promote(source.host() + "/dev/retag@" + image.digest(), source.host() + "/dev/retag:stable", true);

        List<AccessLogEntry> log = RegistryRequests.since(source, mark, result.requests());
        assertEquals(4, log.size(), "HEAD target, GET manifest, PUT tag, HEAD read-back" + RegistryRequests.describe(log));
        assertTrue(result.referrers().found().isEmpty());
    }

    @Test
    void aTargetSignatureTheSourceLacksIsNeverOverwrittenAndTheTargetTagDoesNotMove() throws Exception {
        TestImage image = image("dev/contested");
        String sigTag = FallbackTag.of(digest(image)) + ".sig";
        fixtures.cosignTag(source.host() + "/dev/contested", digest(image), ".sig", "source-signer");
        RawManifest theirs = fixtures.cosignTag(target.host() + "/prod/contested", digest(image), ".sig", "target-signer");

        io.imagepromotion.core.referrers.MissingReferrersException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.imagepromotion.core.referrers.MissingReferrersException.class,
                () -> promote(source.host() + "/dev/contested:1", target.host() + "/prod/contested:1", true));

        assertTrue(e.getMessage().contains("not overwritten"), e.getMessage());
        assertEquals(1, e.missing().size());
        assertTrue(e.missing().get(0).startsWith(sigTag + "@"), e.missing().toString());
        assertEquals(theirs.digest().toString(), targetSkopeo.digest(target.host() + "/prod/contested:" + sigTag));
        assertEquals(java.util.Optional.empty(), target.tagDigestOnDisk("prod/contested", "1"), "the target tag was not written");
    }

    @Test
    void aTargetSignatureTheSourceExtendsIsReplacedByTheSourcesWithBothSignatures() throws Exception {
        TestImage image = image("dev/resigned");
        String sigTag = FallbackTag.of(digest(image)) + ".sig";
        fixtures.cosignTag(target.host() + "/prod/resigned", digest(image), ".sig", List.of("first"));
        RawManifest both = fixtures.cosignTag(source.host() + "/dev/resigned", digest(image), ".sig", List.of("first", "second"));

        promote(source.host() + "/dev/resigned:1", target.host() + "/prod/resigned:1", true);

        assertEquals(both.digest().toString(), targetSkopeo.digest(target.host() + "/prod/resigned:" + sigTag));
        assertEquals(image.digest(), targetSkopeo.digest(target.host() + "/prod/resigned:1"));
    }
}
