package io.imagepromotion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code promote} against an HTTPS registry with htpasswd users (and a plain one as a second registry): credentials
 * from flags, stdin and a docker config; trust from {@code --ca-cert} or {@code --insecure-registry}. Every run's
 * stdout and stderr is checked for the passwords after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialsAndTlsTest {
    private static final String USER = "promoter";
    private static final String PASSWORD = "Pw-q7Zx-never-print-me";
    private static final String WRONG_PASSWORD = "Wrong-k3Jv-never-print-me";

    RegistryServer secure;
    RegistryServer plain;
    TestCertificates tls;
    Skopeo secureSkopeo;
    TestImage image;
    Map<String, String> env;
    String ca;
    String secureHost;
    String plainHost;
    Path dir;
    final List<CliRun> runs = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        tls = TestCertificates.create(dir.resolve("tls"));
        secure = RegistryServer.startHtpasswdTls(dir.resolve("secure"), tls, Map.of(USER, PASSWORD));
        plain = RegistryServer.startPlain(dir.resolve("plain"));
        secureHost = secure.host();
        plainHost = plain.host();
        ca = tls.caCertificate().toString();
        secureSkopeo = Skopeo.forRegistry(secure);
        image = TestImages.oci(dir.resolve("image"), 2, 40 * 1024, 21);
        secureSkopeo.push(image, secureHost + "/src/app:1");
        Skopeo.forRegistry(plain).push(image, plainHost + "/src/app:1");
        env = Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
    }

    @AfterAll
    void stop() {
        secure.close();
        plain.close();
    }

    @AfterEach
    void noPasswordInAnyOutput() {
        for (CliRun run : runs) {
            assertFalse(run.all().contains(PASSWORD), () -> "password printed: " + run);
            assertFalse(run.all().contains(WRONG_PASSWORD), () -> "wrong password printed: " + run);
            assertFalse(run.all().contains(base64(USER + ":" + PASSWORD)), () -> "encoded credentials printed: " + run);
        }
        runs.clear();
    }

    private CliRun promote(String stdin, String... args) {
        CliRun run = CliRun.run(env, stdin, args);
        runs.add(run);
        return run;
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    // ---- credentials --------------------------------------------------------------------------------------------------

    @Test
    void destCredsWithPasswordCopiesWithinTheTlsRegistry() {
        CliRun run = promote("", "copy", "--ca-cert", ca, "--dest-creds", USER + ":" + PASSWORD,
                secureHost + "/src/app:1", secureHost + "/flag/app:1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.digest(), secureSkopeo.digest(secureHost + "/flag/app:1"));
    }

    @Test
    void destCredsWithoutPasswordReadsItFromStdin() {
        CliRun run = promote(PASSWORD + "\n", "copy", "--ca-cert", ca, "--dest-creds", USER,
                secureHost + "/src/app:1", secureHost + "/stdin/app:1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.digest(), secureSkopeo.digest(secureHost + "/stdin/app:1"));
    }

    @Test
    void destCredsWithoutPasswordAndEmptyStdinExitsTwo() {
        CliRun run = promote("", "copy", "--ca-cert", ca, "--dest-creds", USER,
                secureHost + "/src/app:1", secureHost + "/nostdin/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--dest-creds " + USER + " has no password"), run.err());
    }

    @Test
    void wrongPasswordOnTheCommandLineExitsOneWithoutPrintingIt() {
        int mark = secure.accessLogMark();
        CliRun run = promote("", "copy", "--ca-cert", ca, "--dest-creds", USER + ":" + WRONG_PASSWORD,
                secureHost + "/src/app:1", secureHost + "/wrong/app:1");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().contains("error: "), run.err());
        assertEquals(Optional.empty(), secure.tagDigestOnDisk("wrong/app", "1"));
        List<AccessLogEntry> log = AccessLogs.since(secure, mark, 1);
        assertFalse(log.isEmpty());
        assertTrue(log.stream().noneMatch(e -> e.status() >= 200 && e.status() < 300),
                () -> "nothing may succeed with a wrong password: " + log);
    }

    @Test
    void wrongPasswordFromStdinExitsOneWithoutPrintingIt() {
        CliRun run = promote(WRONG_PASSWORD + "\n", "copy", "--ca-cert", ca, "--dest-creds", USER,
                secureHost + "/src/app:1", secureHost + "/wrong-stdin/app:1");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(Optional.empty(), secure.tagDigestOnDisk("wrong-stdin/app", "1"));
    }

    @Test
    void anonymousAccessToTheHtpasswdRegistryExitsOne() {
        CliRun run = promote("", "digest", "--ca-cert", ca, secureHost + "/src/app:1");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void jsonOutputCarriesNoCredentials() {
        CliRun run = promote("", "copy", "--json", "--ca-cert", ca, "--dest-creds", USER + ":" + PASSWORD,
                secureHost + "/src/app:1", secureHost + "/json-creds/app:1");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals(image.digest(), json.get("digest").asText());
        assertFalse(run.out().contains(USER + ":"), run.out());
    }

    @Test
    void authfileWithBase64AuthWorks() throws Exception {
        Path config = Files.writeString(dir.resolve("config-base64.json"),
                "{\"auths\":{\"" + secureHost + "\":{\"auth\":\"" + base64(USER + ":" + PASSWORD) + "\"}}}");
        CliRun digest = promote("", "digest", "--authfile", config.toString(), "--ca-cert", ca, secureHost + "/src/app:1");
        assertEquals(0, digest.exitCode(), digest::toString);
        assertEquals(List.of(image.digest()), digest.outLines());

        CliRun copy = promote("", "copy", "--authfile", config.toString(), "--ca-cert", ca,
                secureHost + "/src/app:1", secureHost + "/authfile/app:1");
        assertEquals(0, copy.exitCode(), copy::toString);
        assertEquals(image.digest(), secureSkopeo.digest(secureHost + "/authfile/app:1"));
    }

    @Test
    void dockerConfigFromTheEnvironmentIsUsedWithoutAuthfile() throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("docker-config-env"));
        Files.writeString(configDir.resolve("config.json"),
                "{\"auths\":{\"https://" + secureHost + "\":{\"auth\":\"" + base64(USER + ":" + PASSWORD) + "\"}}}");
        CliRun run = CliRun.run(Map.of("HOME", env.get("HOME"), "DOCKER_CONFIG", configDir.toString()), "",
                "digest", "--ca-cert", ca, secureHost + "/src/app:1");
        runs.add(run);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(image.digest()), run.outLines());
    }

    @Test
    void explicitCredsWinOverTheAuthfile() throws Exception {
        Path config = Files.writeString(dir.resolve("config-wrong.json"),
                "{\"auths\":{\"" + secureHost + "\":{\"auth\":\"" + base64(USER + ":" + WRONG_PASSWORD) + "\"}}}");
        CliRun run = promote("", "copy", "--authfile", config.toString(), "--ca-cert", ca, "--dest-creds", USER + ":" + PASSWORD,
                secureHost + "/src/app:1", secureHost + "/explicit/app:1");
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void authfileWithInvalidBase64ExitsTwo() throws Exception {
        Path config = Files.writeString(dir.resolve("config-invalid.json"),
                "{\"auths\":{\"" + secureHost + "\":{\"auth\":\"%%%" + WRONG_PASSWORD + "\"}}}");
        CliRun run = promote("", "digest", "--authfile", config.toString(), "--ca-cert", ca, secureHost + "/src/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("is not base64"), run.err());
    }

    @Test
    void missingAuthfileExitsTwo() {
        CliRun run = promote("", "digest", "--authfile", dir.resolve("nope.json").toString(), plainHost + "/src/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("nope.json does not exist"), run.err());
    }

    // ---- TLS ----------------------------------------------------------------------------------------------------------

    @Test
    void tlsRegistryWithoutCaCertExitsOneAndSaysWhatToDo() {
        CliRun run = promote("", "copy", "--dest-creds", USER + ":" + PASSWORD, secureHost + "/src/app:1", secureHost + "/noca/app:1");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--ca-cert"), run.err());
        assertEquals(Optional.empty(), secure.tagDigestOnDisk("noca/app", "1"));
    }

    @Test
    void insecureRegistryWorksForTheTlsRegistryWithoutCa() {
        CliRun run = promote("", "copy", "--insecure-registry", secureHost, "--dest-creds", USER + ":" + PASSWORD,
                secureHost + "/src/app:1", secureHost + "/insecure/app:1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.digest(), secureSkopeo.digest(secureHost + "/insecure/app:1"));
    }

    @Test
    void insecureRegistryByHostAloneCoversItsPort() {
        CliRun run = promote("", "digest", "--insecure-registry", "127.0.0.1", "--src-creds", USER + ":" + PASSWORD,
                secureHost + "/src/app:1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(image.digest()), run.outLines());
    }

    @Test
    void insecureRegistryWithASlashExitsTwo() {
        CliRun run = promote("", "digest", "--insecure-registry", "https://" + secureHost, secureHost + "/src/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("must be HOST or HOST:PORT"), run.err());
    }

    @Test
    void caCertThatIsNotPemExitsTwo() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not-a-cert.pem"), "hello");
        CliRun run = promote("", "digest", "--ca-cert", notPem.toString(), secureHost + "/src/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("holds no PEM certificate"), run.err());
    }

    @Test
    void digestFullWithCaCertAndSourceCreds() {
        CliRun run = promote("", "digest", "--full", "--ca-cert", ca, "--src-creds", USER + ":" + PASSWORD, secureHost + "/src/app:1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(secureHost + "/src/app@" + image.digest()), run.outLines());
    }

    // ---- across registries -------------------------------------------------------------------------------------------

    @Test
    void copyFromPlainToTlsRegistryStreamsEveryBlob() {
        int plainMark = plain.accessLogMark();
        int secureMark = secure.accessLogMark();

        CliRun run = promote(PASSWORD + "\n", "copy", "--json", "--ca-cert", ca, "--dest-creds", USER,
                plainHost + "/src/app:1", secureHost + "/cross/app:1");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals(image.digest(), json.get("digest").asText());
        assertEquals(image.blobDigests().size(), json.get("blobsCopied").asInt());
        assertEquals(image.blobBytes(), json.get("bytesCopied").asLong());
        assertEquals(0, json.get("blobsMounted").asInt());
        assertEquals(1, json.get("manifestsPushed").asInt());
        int requests = json.get("requests").asInt();
        List<AccessLogEntry> plainLog = AccessLogs.since(plain, plainMark, 1);
        List<AccessLogEntry> secureLog = AccessLogs.since(secure, secureMark, requests - plainLog.size());
        assertEquals(plainLog.size() + secureLog.size(), requests, () -> "plain: " + plainLog + "\nsecure: " + secureLog);
        assertEquals(List.of(), AccessLogs.writes(plainLog), "the source is only read");
        assertEquals(image.digest(), secureSkopeo.digest(secureHost + "/cross/app:1"));
        for (String blob : image.blobDigests()) {
            assertTrue(secure.hasBlobLinked("cross/app", blob), blob);
        }
    }

    @Test
    void copyFromTlsToPlainRegistryUsesSourceCreds() {
        CliRun run = promote("", "copy", "--ca-cert", ca, "--src-creds", USER + ":" + PASSWORD,
                secureHost + "/src/app:1", plainHost + "/from-secure/app:1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(image.digest(), Skopeo.forRegistry(plain).digest(plainHost + "/from-secure/app:1"));
    }

    @Test
    void crossRegistryExpectCurrentMismatchWritesNothing() {
        CliRun first = promote("", "copy", "--ca-cert", ca, "--src-creds", USER + ":" + PASSWORD,
                secureHost + "/src/app:1", plainHost + "/cross-cas/app:prod");
        assertEquals(0, first.exitCode(), first::toString);
        int mark = plain.accessLogMark();

        CliRun run = promote("", "copy", "--ca-cert", ca, "--src-creds", USER + ":" + PASSWORD,
                "--expect-current", "sha256:" + "f".repeat(64), secureHost + "/src/app:1", plainHost + "/cross-cas/app:prod");

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(List.of(), AccessLogs.writes(AccessLogs.since(plain, mark, 1)));
        assertEquals(Optional.of(image.digest()), plain.tagDigestOnDisk("cross-cas/app", "prod"));
    }
}
