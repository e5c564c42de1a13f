package io.imagepromotion.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code copy --environment}, {@code history}, {@code status} and {@code rollback} in-process against a real
 * docker-registry 2.8.2; skopeo moves tags by hand and reads digests independently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerCommandsTest {
    RegistryServer registry;
    Skopeo skopeo;
    String host;
    Map<String, String> env;
    TestImage b1;
    TestImage b2;
    TestImage b3;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        host = registry.host();
        skopeo = Skopeo.forRegistry(registry);
        b1 = TestImages.oci(dir.resolve("b1"), 2, 8 * 1024, 301);
        b2 = TestImages.oci(dir.resolve("b2"), 2, 8 * 1024, 302);
        b3 = TestImages.oci(dir.resolve("b3"), 2, 8 * 1024, 303);
        skopeo.push(b1, host + "/app:b1");
        skopeo.push(b2, host + "/app:b2");
        skopeo.push(b3, host + "/app:b3");
        env = Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private CliRun promote(String... args) {
        return CliRun.run(env, "", args);
    }

    private CliRun promoteOk(String... args) {
        CliRun run = promote(args);
        assertEquals(0, run.exitCode(), run::toString);
        return run;
    }

    /** Copies build {@code b} of app to {@code repo:tag} with a record for {@code environment}. */
    private CliRun promoteRecorded(String build, String target, String environment) {
        return promoteOk("copy", "--environment", environment, "--approved-by", "alice", host + "/app:" + build, target);
    }

    // ---- the sequence of the issue ---------------------------------------------------------------------------------

    @Test
    void promotionsThenAHandMoveShowDriftKeepHistoryAndRollBackTwiceThenRefuse() {
        String staging = host + "/app:staging";
        // 1. b1, then b2 promoted to app:staging
        promoteRecorded("b1", staging, "staging");
        promoteRecorded("b2", staging, "staging");
        // 2. b3 copied onto app:staging by hand
        skopeo.copy(host + "/app:b3", staging);
        assertEquals(b3.digest(), skopeo.digest(staging));

        // 3. status reports drift, naming both digests, exit 4
        CliRun status = promote("status", staging);
        assertEquals(4, status.exitCode(), status::toString);
        String line = status.outLines().get(0);
        assertTrue(line.startsWith("DRIFT " + staging), line);
        assertTrue(line.contains("current " + b3.digest()), line);
        assertTrue(line.contains("last recorded " + b2.digest()), line);
        assertTrue(line.contains("approved by alice (asserted)"), line);

        // 4. history still lists b2 and b1, the hand move to b3 above them
        JsonNode history = promoteOk("history", "--json", staging).json();
        List<String> kinds = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        history.get("entries").forEach(e -> {
            kinds.add(e.get("kind").asText());
            digests.add(e.get("digest").asText());
        });
        assertEquals(List.of("hand-move", "promotion", "promotion"), kinds, history::toString);
        assertEquals(List.of(b3.digest(), b2.digest(), b1.digest()), digests, history::toString);
        assertEquals(b1.digest(), history.get("entries").get(1).get("previousDigest").asText());
        assertTrue(history.get("drift").asBoolean());

        // 5. rollback moves app:staging to b2, a second one to b1
        JsonNode first = promoteOk("rollback", "--json", staging).json();
        assertEquals(b3.digest(), first.get("from").asText());
        assertEquals(b2.digest(), first.get("to").asText());
        assertTrue(first.get("recorded").asBoolean(), first::toString);
        assertEquals(b2.digest(), skopeo.digest(staging));
        promoteOk("rollback", staging);
        assertEquals(b1.digest(), skopeo.digest(staging));

        // 6. a third rollback exits 3: there is no earlier promotion; the tag stays
        CliRun third = promote("rollback", "--json", staging);
        assertEquals(3, third.exitCode(), third::toString);
        assertTrue(third.err().contains("no promotion before"), third.err());
        assertEquals("PRECONDITION_FAILED", third.json().get("kind").asText());
        assertEquals(staging, third.json().get("target").asText());
        assertEquals(b1.digest(), skopeo.digest(staging));

        // The rollbacks are in the history as records of their own, and nothing drifts any more.
        JsonNode after = promoteOk("history", "--json", staging).json();
        assertEquals("rollback", after.get("entries").get(0).get("kind").asText());
        assertEquals(b1.digest(), after.get("entries").get(0).get("digest").asText());
        assertEquals("staging", after.get("entries").get(0).get("environment").asText());
        assertEquals(0, promote("status", staging).exitCode());
    }

    // ---- copy writes records only when asked -----------------------------------------------------------------------

    @Test
    void copyWithoutEnvironmentWritesNoRecord() {
        JsonNode json = promoteOk("copy", "--json", host + "/app:b1", host + "/plain/app:1").json();
        assertTrue(json.get("recorded").isNull(), json::toString);
        assertEquals(0, json.get("records").size());
        assertEquals(0, json.get("ledgerRequests").asInt());
        assertTrue(registry.tagDigestOnDisk("plain/app", "promotion-ledger").isEmpty(), "no ledger page was written");
    }

    @Test
    void copyWithEnvironmentWritesARecordIntoTheTargetRepository() {
        JsonNode json = promoteOk("copy", "--json", "--environment", "qa", host + "/app:b1", host + "/recorded/app:qa").json();
        assertTrue(json.get("recorded").asBoolean(), json::toString);
        JsonNode record = json.get("records").get(0);
        assertEquals(host + "/recorded/app:qa", record.get("target").asText());
        assertTrue(registry.hasManifestRevision("recorded/app", record.get("record").asText()), "the record manifest is stored");
        assertTrue(registry.tagDigestOnDisk("recorded/app", "promotion-ledger").isPresent(), "the ledger page is tagged");
        CliRun history = promoteOk("history", host + "/recorded/app:qa");
        assertTrue(history.out().contains("promotion  " + b1.digest() + "  environment qa"), history::toString);
    }

    @Test
    void noRecordLeavesTheRecordOutEvenWithAnEnvironment() {
        JsonNode json = promoteOk("copy", "--json", "--environment", "qa", "--no-record", host + "/app:b1",
                host + "/norecord/app:qa").json();
        assertTrue(json.get("recorded").isNull(), json::toString);
        assertEquals(b1.digest(), skopeo.digest(host + "/norecord/app:qa"));
        assertTrue(registry.tagDigestOnDisk("norecord/app", "promotion-ledger").isEmpty());
    }

    // ---- a tag that moved without its record -----------------------------------------------------------------------

    @Test
    void aRecordThatCannotBeWrittenSaysRecordedFalseExitsFiveAndLeavesThePromotion() {
        // Another tool owns the ledger tag of this repository: the record cannot be written there.
        skopeo.copy(host + "/app:b3", host + "/occupied/app:promotion-ledger");
        CliRun run = promote("copy", "--json", "--environment", "prod", host + "/app:b2", host + "/occupied/app:prod");

        assertEquals(5, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertFalse(json.get("recorded").asBoolean(), json::toString);
        JsonNode record = json.get("records").get(0);
        assertFalse(record.get("recorded").asBoolean());
        assertTrue(record.get("reason").asText().contains("is not a ledger page"), record::toString);
        assertTrue(record.get("record").isNull());
        assertTrue(run.err().contains("was promoted, but its promotion record was not written"), run.err());
        // The promotion is not undone, and the other tool's tag is untouched.
        assertEquals(b2.digest(), skopeo.digest(host + "/occupied/app:prod"));
        assertEquals(b3.digest(), skopeo.digest(host + "/occupied/app:promotion-ledger"));
    }

    // ---- rollback refusals ------------------------------------------------------------------------------------------

    @Test
    void rollbackToAManifestThatIsGoneIsRefusedWithExitThreeAndTheTagStays() throws Exception {
        TestImage gone = TestImages.oci(registry.workDir().resolve("gone"), 1, 4 * 1024, 309);
        skopeo.push(gone, host + "/gone/app:old");
        promoteOk("copy", "--environment", "prod", host + "/gone/app:old", host + "/gone/app:prod");
        promoteOk("copy", "--environment", "prod", host + "/app:b2", host + "/gone/app:prod");
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(registry.baseUri() + "/v2/gone/app/manifests/" + gone.digest())).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, deleted.statusCode(), deleted.body());

        CliRun run = promote("rollback", host + "/gone/app:prod");
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("that manifest is gone from " + host + "/gone/app"), run.err());
        assertEquals(b2.digest(), skopeo.digest(host + "/gone/app:prod"));
    }

    @Test
    void rollbackOfATagWithoutRecordsExitsThree() {
        promoteOk("copy", host + "/app:b1", host + "/unrecorded/app:prod");
        CliRun run = promote("rollback", host + "/unrecorded/app:prod");
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("the ledger has no promotion of it"), run.err());
    }

    @Test
    void rollbackToNamesADigestPromotedEarlier() {
        String prod = host + "/rollto/app:prod";
        promoteRecorded("b1", prod, "prod");
        promoteRecorded("b2", prod, "prod");
        promoteRecorded("b3", prod, "prod");
        promoteOk("rollback", "--to", b1.digest(), prod);
        assertEquals(b1.digest(), skopeo.digest(prod));
        CliRun never = promote("rollback", "--to", "sha256:" + "0".repeat(64), prod);
        assertEquals(3, never.exitCode(), never::toString);
        assertEquals(b1.digest(), skopeo.digest(prod));
    }

    // ---- status ----------------------------------------------------------------------------------------------------

    @Test
    void statusOfSeveralTagsExitsFourWhenOneDriftedAndListsEach() {
        String a = host + "/status/app:a";
        String b = host + "/status/app:b";
        promoteRecorded("b1", a, "dev");
        promoteRecorded("b1", b, "dev");
        skopeo.copy(host + "/app:b2", b);

        CliRun run = promote("status", "--json", a, b, host + "/status/app:none");
        assertEquals(4, run.exitCode(), run::toString);
        JsonNode tags = run.json().get("tags");
        assertEquals(3, tags.size());
        assertFalse(tags.get(0).get("drift").asBoolean());
        assertTrue(tags.get(1).get("drift").asBoolean());
        assertEquals(b2.digest(), tags.get(1).get("current").asText());
        assertEquals(b1.digest(), tags.get(1).get("lastRecorded").asText());
        assertEquals("alice", tags.get(1).get("approvals").get(0).get("userId").asText());
        assertTrue(tags.get(2).get("lastRecorded").isNull(), "a tag without records has none");
        assertFalse(tags.get(2).get("drift").asBoolean());
    }

    // ---- requests per operation ------------------------------------------------------------------------------------

    @Test
    void eachOperationSendsTheRequestsItReportsAndTheDocumentedNumber() {
        String tag = host + "/counted/app:prod";
        promoteRecorded("b1", tag, "prod"); // the repository's first record also uploads the empty config blob

        int mark = registry.accessLogMark();
        JsonNode copy = promoteOk("copy", "--json", "--environment", "prod", host + "/app:b2", tag).json();
        List<AccessLogEntry> copyLog = AccessLogs.since(registry, mark, copy.get("requests").asInt() + 11);
        assertEquals(copy.get("requests").asInt() + copy.get("ledgerRequests").asInt(), copyLog.size(), copyLog::toString);
        assertEquals(11, copy.get("ledgerRequests").asInt(), copyLog::toString);

        mark = registry.accessLogMark();
        JsonNode status = promoteOk("status", "--json", tag).json();
        assertEquals(3, status.get("requests").asInt());
        assertEquals(3, AccessLogs.since(registry, mark, 3).size());

        mark = registry.accessLogMark();
        JsonNode history = promoteOk("history", "--json", tag).json();
        assertEquals(2 + 2, history.get("requests").asInt(), "HEAD, ledger page, one statement per record");
        assertEquals(4, AccessLogs.since(registry, mark, 4).size());

        mark = registry.accessLogMark();
        JsonNode rollback = promoteOk("rollback", "--json", tag).json();
        List<AccessLogEntry> rollbackLog = AccessLogs.since(registry, mark, rollback.get("requests").asInt());
        assertEquals(rollback.get("requests").asInt(), rollbackLog.size(), rollbackLog::toString);
        assertEquals(4 + 1 + 4 + 11, rollback.get("requests").asInt(), rollbackLog::toString);
    }

    // ---- usage ----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"history", "status", "rollback"})
    void helpShowsAnExample(String command) {
        CliRun run = promoteOk(command, "--help");
        assertTrue(run.out().contains("Example"), run::toString);
        assertTrue(run.out().contains("promote " + command + " "), run::toString);
        assertTrue(run.out().contains("--json"), run::toString);
    }

    @Test
    void badInputExitsTwoNamesTheProblemAndMovesNothing() {
        String target = host + "/badinput/app:prod";
        assertBad(promote("copy", "--approved-by", "alice", host + "/app:b1", target), "written only with --environment");
        assertBad(promote("copy", "--environment", "pro duction", host + "/app:b1", target), "--environment takes a name");
        assertBad(promote("copy", "--environment", "prod", "--approved-by", "alice,,bob", host + "/app:b1", target),
                "--approved-by takes user ids");
        assertBad(promote("copy", "--environment", "prod", "--sign-key", "/nonexistent/key.pem", host + "/app:b1", target),
                "cannot read the key file");
        assertBad(promote("copy", "--environment", "prod", "--ci-run", "https://bob:hunter2@ci.example.com/1", host + "/app:b1", target),
                "user information");
        assertTrue(registry.tagDigestOnDisk("badinput/app", "prod").isEmpty(), "no bad input moved the tag");
        assertBad(promote("history", "--limit", "0", target), "--limit takes");
        assertBad(promote("history", host + "/app@" + b1.digest()), "is not a tag reference");
        assertBad(promote("rollback", "--to", "latest", target), "invalid digest");
        assertBad(promote("history", "--verify-key", "/nonexistent/key.pub", target), "cannot read the key file");
    }

    private static void assertBad(CliRun run, String message) {
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains(message), () -> "expected '" + message + "' in " + run);
        assertFalse(run.all().contains("hunter2"), "the password of a refused URL is not echoed");
    }
}
