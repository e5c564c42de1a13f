package io.imagepromotion.core.ledger;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.json.JsonValue;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.referrers.FallbackTag;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record a promotion leaves in a real docker-registry 2.8.2: its shape, where it is listed, what it costs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromotionRecordTest {
    static final String SENTINEL = "Sentinel-Pa55word-7f3e9b";

    RegistryServer registry;
    TestImage image;
    TestImage other;
    String host;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        host = registry.host();
        image = TestImages.oci(dir.resolve("image"), 2, 16 * 1024, 131);
        other = TestImages.oci(dir.resolve("other"), 2, 16 * 1024, 132);
        Skopeo.forRegistry(registry).push(image, host + "/app:build-1");
        Skopeo.forRegistry(registry).push(other, host + "/app:build-2");
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private RawManifest manifest(RegistryClient client, String ref) {
        return client.getManifest(ImageReference.parse(ref));
    }

    @Test
    void recordIsAnOciArtifactWhoseSubjectIsThePromotedManifestAndWhoseLayerIsAnInTotoStatement() {
        List<RecordOutcome> outcomes = Ledgers.promoteAndRecord(TransportSettings.defaults(), host + "/app:build-1",
                host + "/app:shape", "staging");
        assertEquals(1, outcomes.size());
        RecordOutcome outcome = outcomes.get(0);
        assertTrue(outcome.recorded(), outcome.toString());
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            RegistryClient client = new RegistryClient(transport);
            RawManifest record = manifest(client, host + "/app@" + outcome.record());
            JsonValue tree = Ledgers.json(record.bytes());
            assertEquals(LedgerFormat.RECORD_ARTIFACT_TYPE, tree.path("artifactType").asText());
            assertEquals(image.digest(), tree.path("subject").path("digest").asText());
            assertEquals(LedgerFormat.EMPTY_MEDIA_TYPE, tree.path("config").path("mediaType").asText());
            assertEquals(LedgerFormat.EMPTY_DIGEST.toString(), tree.path("config").path("digest").asText());
            List<JsonValue> layers = new ArrayList<>();
            tree.path("layers").forEach(layers::add);
            assertEquals(1, layers.size());
            assertEquals(LedgerFormat.STATEMENT_MEDIA_TYPE, layers.get(0).path("mediaType").asText());
            JsonValue annotations = tree.path("annotations");
            assertEquals("staging", annotations.path(LedgerFormat.ENVIRONMENT).asText());
            assertEquals("shape", annotations.path(LedgerFormat.TAG).asText());
            assertFalse(annotations.path(LedgerFormat.CREATED).asText().isEmpty());

            Digest statementDigest = Digest.parse(layers.get(0).path("digest").asText());
            assertEquals(outcome.statement(), statementDigest);
            JsonValue statement = Ledgers.json(client.getBlob(ImageReference.parse(host + "/app"), statementDigest, 65536));
            assertEquals(LedgerFormat.STATEMENT_TYPE, statement.path("_type").asText());
            assertEquals(LedgerFormat.PREDICATE_TYPE, statement.path("predicateType").asText());
            assertEquals(Digest.parse(image.digest()).hex(), statement.path("subject").iterator().next().path("digest").path("sha256").asText());
            JsonValue predicate = statement.path("predicate");
            assertEquals(host + "/app:shape", predicate.path("target").asText());
            assertEquals(host + "/app@" + image.digest(), predicate.path("source").asText());
            assertEquals("alice", predicate.path("approvals").iterator().next().path("userId").asText());
            assertEquals("asserted", predicate.path("approvals").iterator().next().path("authority").path("kind").asText());
            assertEquals("https://ci.example.com/job/app/7/", predicate.path("ciRunUrl").asText());
            assertTrue(predicate.path("planHash").asText().startsWith("sha256:"));
            assertEquals("image-promotion", predicate.path("tool").path("name").asText());

            // Listed in the fallback index of the promoted digest (2.8.2 has no referrers API) ...
            RawManifest fallback = manifest(client, host + "/app:" + FallbackTag.of(Digest.parse(image.digest())));
            String index = new String(fallback.bytes(), StandardCharsets.UTF_8);
            assertTrue(index.contains(outcome.record().toString()), index);
            assertTrue(index.contains(LedgerFormat.RECORD_ARTIFACT_TYPE), index);
            // ... and in the repository's ledger page, whose layer is the very statement.
            RawManifest page = manifest(client, host + "/app:" + LedgerFormat.LEDGER_TAG);
            assertTrue(new String(page.bytes(), StandardCharsets.UTF_8).contains(statementDigest.toString()));
        }
    }

    @Test
    void aRecordCostsElevenRequestsOnceTheRepositoryHasTheEmptyBlob() throws Exception {
        Ledgers.promoteAndRecord(TransportSettings.defaults(), host + "/app:build-1", host + "/app:cost", "staging");
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            RegistryClient client = new RegistryClient(transport);
            io.imagepromotion.core.promote.PromotionResult result;
            try (io.imagepromotion.core.promote.ImagePromoter promoter = new io.imagepromotion.core.promote.ImagePromoter(
                    TransportSettings.defaults(), io.imagepromotion.core.promote.PromotionListener.SILENT)) {
                result = promoter.promote(io.imagepromotion.core.promote.PromotionRequest.builder(
                        ImageReference.parse(host + "/app:build-2")).target(ImageReference.parse(host + "/app:cost")).build());
            }
            int before = transport.requestCount();
            int mark = registry.accessLogMark();
            RecordOutcome outcome = new PromotionLedger(client).recordPromotion(result, Ledgers.context("staging", "bob")).get(0);
            assertTrue(outcome.recorded());
            assertEquals(11, transport.requestCount() - before);
            Thread.sleep(200);
            List<AccessLogEntry> log = registry.accessLogSince(mark);
            assertEquals(11, log.size(), log.toString());
        }
    }

    @Test
    void aRerunThatChangedNothingIsDeduplicatedOnThePlanHash() {
        Ledgers.promoteAndRecord(TransportSettings.defaults(), host + "/app:build-1", host + "/app:dedupe", "qa");
        RecordOutcome again = Ledgers.promoteAndRecord(TransportSettings.defaults(), host + "/app:build-1", host + "/app:dedupe", "qa").get(0);
        assertTrue(again.recorded());
        assertTrue(again.alreadyThere());
        assertEquals(1, Ledgers.history(TransportSettings.defaults(), host + "/app:dedupe", 10).records().size());
    }

    @Test
    void aRecordWrittenThroughAuthenticatedRegistryHoldsNoSecret(@TempDir Path dir) throws Exception {
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        try (RegistryServer secured = RegistryServer.startHtpasswdTls(dir.resolve("basic"), tls, Map.of("promoter", SENTINEL))) {
            Skopeo.forRegistry(secured).withCredentials("promoter", SENTINEL).push(image, secured.host() + "/app:build-1");
            TransportSettings settings = TransportSettings.builder().caCertificateFile(tls.caCertificate())
                    .credentials(StaticCredentials.single(secured.host(), Credential.usernamePassword("promoter", SENTINEL))).build();
            RecordOutcome outcome = Ledgers.promoteAndRecord(settings, secured.host() + "/app:build-1",
                    secured.host() + "/app:prod", "production").get(0);
            assertTrue(outcome.recorded(), outcome.toString());
            TagHistory history = Ledgers.history(settings, secured.host() + "/app:prod", 5);
            assertEquals(1, history.records().size());
            byte[] needle = SENTINEL.getBytes(StandardCharsets.UTF_8);
            byte[] encoded = java.util.Base64.getEncoder().encode(("promoter:" + SENTINEL).getBytes(StandardCharsets.UTF_8));
            List<Path> files;
            try (Stream<Path> walk = Files.walk(secured.storageRoot())) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertTrue(files.size() > 10, "storage was walked");
            for (Path f : files) {
                byte[] content = Files.readAllBytes(f);
                assertFalse(contains(content, needle), "the password is in " + f);
                assertFalse(contains(content, encoded), "the encoded credentials are in " + f);
            }
            assertFalse(history.toString().contains(SENTINEL));
        }
    }

    @Test
    void withoutAnEarlierRecordThePredecessorIsNone() {
        Ledgers.promoteAndRecord(TransportSettings.defaults(), host + "/app:build-2", host + "/app:fresh", "dev");
        TagHistory history = Ledgers.history(TransportSettings.defaults(), host + "/app:fresh", 5);
        assertNull(history.records().get(0).previousDigest());
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
