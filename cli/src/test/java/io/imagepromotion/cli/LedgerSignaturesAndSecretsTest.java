package io.imagepromotion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed records ({@code copy --sign-key}, {@code history --verify-key}) and records that hold no secret. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerSignaturesAndSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENTINEL = "Sentinel-Pa55word-c1i-4e7a";

    RegistryServer registry;
    Skopeo skopeo;
    String host;
    Map<String, String> env;
    TestImage image;
    Path dir;
    Path ecPrivate;
    Path ecPublic;
    Path edPrivate;
    Path edPublic;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        host = registry.host();
        skopeo = Skopeo.forRegistry(registry);
        image = TestImages.oci(dir.resolve("image"), 2, 8 * 1024, 401);
        skopeo.push(image, host + "/app:build-1");
        env = Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecPair = ec.generateKeyPair();
        ecPrivate = pem(dir.resolve("ec.pem"), "PRIVATE KEY", ecPair.getPrivate().getEncoded());
        ecPublic = pem(dir.resolve("ec.pub"), "PUBLIC KEY", ecPair.getPublic().getEncoded());
        KeyPair edPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        edPrivate = pem(dir.resolve("ed.pem"), "PRIVATE KEY", edPair.getPrivate().getEncoded());
        edPublic = pem(dir.resolve("ed.pub"), "PUBLIC KEY", edPair.getPublic().getEncoded());
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private static Path pem(Path file, String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
        return file;
    }

    private CliRun promote(String... args) {
        return CliRun.run(env, "", args);
    }

    private void signedCopy(Path key, String target) {
        CliRun run = promote("copy", "--environment", "prod", "--approved-by", "alice", "--sign-key", key.toString(),
                host + "/app:build-1", target);
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void aSignedRecordIsADsseEnvelopeAndVerifiesWithItsPublicKey() throws Exception {
        String tag = host + "/signed/app:prod";
        signedCopy(ecPrivate, tag);

        CliRun run = promote("history", "--verify-key", ecPublic.toString(), tag);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("[verified]"), run::toString);
        JsonNode entry = promote("history", "--json", "--verify-key", ecPublic.toString(), tag).json().get("entries").get(0);
        assertEquals("verified", entry.get("signature").asText());
        JsonNode page = ledgerPage("signed/app");
        assertEquals("application/vnd.dsse.envelope.v1+json", lastEntry(page).get("mediaType").asText());
    }

    @Test
    void anEd25519SignedRecordVerifiesAndAnUnsignedOneIsMarkedUnsigned() {
        String tag = host + "/ed/app:prod";
        signedCopy(edPrivate, tag);
        assertEquals(0, promote("copy", "--environment", "prod", host + "/app:build-1", host + "/ed/app:qa").exitCode());

        JsonNode signed = promote("history", "--json", "--verify-key", edPublic.toString(), tag).json();
        assertEquals("verified", signed.get("entries").get(0).get("signature").asText());
        CliRun unsigned = promote("history", "--verify-key", edPublic.toString(), host + "/ed/app:qa");
        assertEquals(0, unsigned.exitCode(), unsigned::toString);
        assertTrue(unsigned.out().contains("[unsigned]"), unsigned::toString);
    }

    @Test
    void aRecordSignedByAnotherKeyIsABadSignatureAndExitsSix() {
        String tag = host + "/forged/app:prod";
        signedCopy(edPrivate, tag); // signed, but not with the key the verifier trusts

        CliRun run = promote("history", "--verify-key", ecPublic.toString(), tag);
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.out().contains("[BAD SIGNATURE]"), run::toString);
        assertTrue(run.err().contains("do not verify with"), run.err());
    }

    @Test
    void aTamperedRecordIsABadSignatureAndExitsSix() throws Exception {
        String tag = host + "/tampered/app:prod";
        signedCopy(ecPrivate, tag);
        ImageReference repo = ImageReference.parse(tag);
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            RegistryClient client = new RegistryClient(transport);
            // Rewrite the statement inside the signed envelope (the approver), keep the signature, and point the
            // ledger page at the rewritten blob: what someone with push access but without the key can do.
            ObjectNode page = (ObjectNode) ledgerPage("tampered/app");
            ObjectNode layer = (ObjectNode) lastEntry(page);
            byte[] envelopeBytes = client.getBlob(repo, Digest.parse(layer.get("digest").asText()), 65536);
            ObjectNode envelope = (ObjectNode) JSON.readTree(envelopeBytes);
            String statement = new String(Base64.getDecoder().decode(envelope.get("payload").asText()), StandardCharsets.UTF_8);
            assertTrue(statement.contains("\"userId\":\"alice\""), statement);
            envelope.put("payload", Base64.getEncoder().encodeToString(
                    statement.replace("\"userId\":\"alice\"", "\"userId\":\"mallory\"").getBytes(StandardCharsets.UTF_8)));
            byte[] forged = JSON.writeValueAsBytes(envelope);
            client.uploadBlob(repo, forged);
            layer.put("digest", Digest.sha256(forged).toString());
            layer.put("size", forged.length);
            client.putManifest(repo, "promotion-ledger", RawManifest.of(JSON.writeValueAsBytes(page), MediaTypes.OCI_MANIFEST,
                    "tampered ledger page"));
        }

        CliRun run = promote("history", "--verify-key", ecPublic.toString(), tag);
        assertEquals(6, run.exitCode(), run::toString);
        String line = run.outLines().stream().filter(l -> l.contains("mallory")).findFirst().orElseThrow(() -> new AssertionError(run.toString()));
        assertTrue(line.endsWith("[BAD SIGNATURE]"), line);
        JsonNode json = promote("history", "--json", "--verify-key", ecPublic.toString(), tag).json();
        assertEquals("bad-signature", json.get("entries").get(0).get("signature").asText());
        // Without a key nothing is checked: the history reads, and says so by not marking it.
        assertEquals(0, promote("history", tag).exitCode());
    }

    @Test
    void aKeyOnAnotherCurveIsRefusedBeforeTheTagMoves() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        Path key = pem(dir.resolve("p384.pem"), "PRIVATE KEY", p384.generateKeyPair().getPrivate().getEncoded());
        CliRun run = promote("copy", "--environment", "prod", "--sign-key", key.toString(), host + "/app:build-1",
                host + "/p384/app:prod");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("not on the P-256 curve"), run.err());
        assertTrue(registry.tagDigestOnDisk("p384/app", "prod").isEmpty());
    }

    @Test
    void theRegistryPasswordIsNeverInARecordABlobOrTheOutput(@TempDir Path tmp) throws Exception {
        TestCertificates tls = TestCertificates.create(tmp.resolve("tls"));
        try (RegistryServer secured = RegistryServer.startHtpasswdTls(tmp.resolve("secure"), tls, Map.of("promoter", SENTINEL))) {
            String secure = secured.host();
            Skopeo.forRegistry(secured).withCredentials("promoter", SENTINEL).push(image, secure + "/app:build-1");
            Skopeo.forRegistry(secured).withCredentials("promoter", SENTINEL).push(
                    TestImages.oci(tmp.resolve("next"), 1, 4 * 1024, 402), secure + "/app:build-2");
            String ca = tls.caCertificate().toString();
            List<CliRun> runs = List.of(
                    CliRun.run(env, "", "copy", "--json", "--environment", "prod", "--approved-by", "alice",
                            "--sign-key", ecPrivate.toString(), "--ca-cert", ca, "--dest-creds", "promoter:" + SENTINEL,
                            secure + "/app:build-1", secure + "/app:prod"),
                    CliRun.run(env, SENTINEL + "\n", "copy", "--environment", "prod", "--ca-cert", ca,
                            "--dest-creds", "promoter", secure + "/app:build-2", secure + "/app:prod"),
                    CliRun.run(env, "", "history", "--json", "--verify-key", ecPublic.toString(), "--ca-cert", ca,
                            "--src-creds", "promoter:" + SENTINEL, secure + "/app:prod"),
                    CliRun.run(env, SENTINEL + "\n", "status", "--ca-cert", ca, "--src-creds", "promoter", secure + "/app:prod"),
                    CliRun.run(env, "", "rollback", "--json", "--ca-cert", ca, "--dest-creds", "promoter:" + SENTINEL,
                            secure + "/app:prod"));
            for (CliRun run : runs) {
                assertEquals(0, run.exitCode(), run::toString);
                assertFalse(run.all().contains(SENTINEL), () -> "the password is in the output: " + run);
            }
            assertEquals(2, runs.get(2).json().get("entries").size(), runs.get(2)::toString);
            assertEquals(image.digest(), Skopeo.forRegistry(secured).withCredentials("promoter", SENTINEL).digest(secure + "/app:prod"));

            byte[] needle = SENTINEL.getBytes(StandardCharsets.UTF_8);
            byte[] encoded = Base64.getEncoder().encode(("promoter:" + SENTINEL).getBytes(StandardCharsets.UTF_8));
            List<Path> files;
            try (Stream<Path> walk = Files.walk(secured.storageRoot())) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertTrue(files.stream().anyMatch(f -> f.toString().contains("promotion-ledger")), "the ledger is in this storage");
            for (Path f : files) {
                byte[] content = Files.readAllBytes(f);
                assertFalse(contains(content, needle), "the password is in " + f);
                assertFalse(contains(content, encoded), "the encoded credentials are in " + f);
            }
        }
    }

    private JsonNode ledgerPage(String repository) throws Exception {
        return JSON.readTree(skopeo.rawManifest(host + "/" + repository + ":promotion-ledger"));
    }

    private static JsonNode lastEntry(JsonNode page) {
        JsonNode layers = page.get("layers");
        return layers.get(layers.size() - 1);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
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
