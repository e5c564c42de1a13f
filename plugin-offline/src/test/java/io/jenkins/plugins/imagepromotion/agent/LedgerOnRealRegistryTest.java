package io.jenkins.plugins.imagepromotion.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.ledger.HistoryEntry;
import io.imagepromotion.core.ledger.PromotionLedger;
import io.imagepromotion.core.ledger.RecordKind;
import io.imagepromotion.core.ledger.RecordVerifier;
import io.imagepromotion.core.ledger.SignatureCheck;
import io.imagepromotion.core.ledger.TagHistory;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.testkit.CommandFailedException;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.config.RegistrySettings;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import io.jenkins.plugins.imagepromotion.model.LedgerEntry;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import io.jenkins.plugins.imagepromotion.model.ResultMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * promoteImage with {@code environment:} writes the promotion's ledger record from the agent side (the callable the
 * step sends), on a real docker-registry 2.8.2 with TLS and htpasswd; read back with core's history reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerOnRealRegistryTest {
    static final String SECRET = "Ledger-sentinel-Pa55word";
    static final String RUN_URL = "https://jenkins.example.com/job/app/42/";

    RegistryServer source;
    RegistryServer target;
    Skopeo targetSkopeo;
    String caPem;
    TestImage app;
    KeyPair key;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        source = RegistryServer.startPlain(dir.resolve("source"));
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        caPem = Files.readString(tls.caCertificate());
        target = RegistryServer.startHtpasswdTls(dir.resolve("target"), tls, Map.of("promoter", SECRET));
        targetSkopeo = Skopeo.forRegistry(target);
        app = TestImages.oci(dir.resolve("app"), 2, 16 * 1024, 401);
        Skopeo.forRegistry(source).push(app, source.host() + "/dev/app:1.0");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
    }

    @AfterAll
    void stop() {
        source.close();
        target.close();
    }

    RegistryAccess access() {
        return RegistryAccess.of(Map.of(target.host(), RegistryCredentialSnapshot.usernamePassword("prod", "promoter", SECRET)),
                List.of(RegistrySettings.of(target.host(), "prod", caPem, false, null)));
    }

    static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    TagHistory history(String tag) {
        try (RegistryTransport transport = new RegistryTransport(access().transportSettings())) {
            return new PromotionLedger(new RegistryClient(transport)).history(ImageReference.parse(tag), 10,
                    RecordVerifier.with(key.getPublic()));
        }
    }

    @Test
    void anEnvironmentWritesASignedRecordWithTheRunUrlAndAssertedApprovals() throws Exception {
        String to = target.host() + "/prod/app:prod";
        CapturedLog log = new CapturedLog();
        PromoteOnAgent callable = new PromoteOnAgent(PromoteArguments.of(source.host() + "/dev/app:1.0", to, null, null,
                false, false, "prod", "alice, bob"), access(), LedgerOptions.signed(RUN_URL, "ledger-key", pem(key)),
                log.listener);

        PromotionOutcome outcome = callable.call();

        assertEquals(app.digest(), targetSkopeo.digest(to), "the tag moved");
        LedgerEntry entry = outcome.ledger().get(0);
        assertTrue(entry.isRecorded() && entry.isSigned(), entry.getReason());
        assertEquals(to, entry.getTarget());
        assertTrue(log.text().contains("Ledger: recorded " + to + " in environment prod, signed (record "
                + entry.getRecord() + ")"), log.text());
        assertEquals(Boolean.TRUE, ResultMap.of(outcome).get("recorded"));

        TagHistory history = history(to);
        assertEquals(1, history.records().size(), history.toString());
        HistoryEntry record = history.records().get(0);
        assertEquals(RecordKind.PROMOTION, record.kind());
        assertEquals("prod", record.environment());
        assertEquals(app.digest(), record.digest().toString());
        assertEquals(null, record.previousDigest());
        assertEquals(RUN_URL, record.ciRunUrl());
        assertEquals(List.of("alice", "bob"), record.approvals().stream().map(Approval::userId).toList());
        assertTrue(record.approvals().stream().allMatch(a -> a.authority().equals(ApprovalAuthority.asserted())),
                "approvedBy is recorded as asserted by the pipeline, never as vouched for");
        assertEquals(SignatureCheck.VERIFIED, record.signature());
        assertEquals(entry.getRecord(), record.record().toString());
        assertNoSecretIn(target.storageRoot());
        assertFalse(log.text().contains(SECRET) || log.text().contains("PRIVATE KEY"), log.text());
    }

    @Test
    void withoutAKeyTheRecordIsUnsigned() {
        String to = target.host() + "/prod/app:staging";
        PromotionOutcome outcome = PromotionTask.run(PromoteArguments.of(source.host() + "/dev/app:1.0", to, null, null,
                false, false, "staging", null), access(), LedgerOptions.unsigned(RUN_URL), new CapturedLog().stream);

        assertTrue(outcome.ledger().get(0).isRecorded());
        assertFalse(outcome.ledger().get(0).isSigned());
        HistoryEntry record = history(to).records().get(0);
        assertEquals(SignatureCheck.UNSIGNED, record.signature());
        assertEquals(List.of(), record.approvals());
    }

    @Test
    void withoutAnEnvironmentNoRecordIsWritten() {
        String to = target.host() + "/prod/app:plain";
        PromotionOutcome outcome = PromotionTask.run(PromoteArguments.of(source.host() + "/dev/app:1.0", to, null, null,
                false, false, null, "alice"), access(), LedgerOptions.unsigned(RUN_URL), new CapturedLog().stream);

        assertEquals(List.of(), outcome.ledger());
        assertEquals(app.digest(), targetSkopeo.digest(to));
        assertEquals(0, history(to).records().size());
    }

    @Test
    void aKeyThatDoesNotParseFailsBeforeTheTagMoves() {
        String to = target.host() + "/prod/app:badkey";
        CapturedLog log = new CapturedLog();
        String notAKey = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IFNlbnRpbmVs\n-----END PRIVATE KEY-----\n";
        PromoteOnAgent callable = new PromoteOnAgent(PromoteArguments.of(source.host() + "/dev/app:1.0", to, null, null,
                false, false, "prod", null), access(), LedgerOptions.signed(RUN_URL, "broken-key", notAKey), log.listener);

        AbortException e = assertThrows(AbortException.class, callable::call);

        assertTrue(e.getMessage().contains("the signing key credentials 'broken-key' holds no ECDSA or Ed25519"),
                e.getMessage());
        assertFalse(e.getMessage().contains("bm90IGEga2V5"), e.getMessage());
        assertThrows(CommandFailedException.class, () -> targetSkopeo.digest(to), "the tag was never written");
    }

    @Test
    void theLedgerOptionsNeverPrintTheKey() {
        String text = LedgerOptions.signed(RUN_URL, "ledger-key", pem(key)).toString();
        assertEquals("ledger options (run " + RUN_URL + ", signed with 'ledger-key')", text);
    }

    /** Every file the registry stored (blobs, manifests, tags) is free of the password. */
    private static void assertNoSecretIn(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(SECRET), file.toString());
            }
        }
    }
}
