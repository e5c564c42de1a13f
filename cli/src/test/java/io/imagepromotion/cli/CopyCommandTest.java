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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code promote copy} in-process against a real plain-HTTP registry; skopeo and the registry's storage check it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CopyCommandTest {
    private static final Set<String> RESULT_FIELDS = Set.of("source", "digest", "mediaType", "targets", "changed",
            "blobsMounted", "blobsCopied", "blobsSkipped", "bytesCopied", "manifestsPushed", "requests", "dryRun",
            "referrers", "recorded", "records", "ledgerRequests");
    private static final Set<String> TARGET_FIELDS = Set.of("reference", "previousDigest", "changed");

    RegistryServer registry;
    Skopeo skopeo;
    TestImage imageA;
    TestImage imageB;
    TestImage index;
    Map<String, String> env;
    String host;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        host = registry.host();
        skopeo = Skopeo.forRegistry(registry);
        imageA = TestImages.oci(dir.resolve("a"), 3, 32 * 1024, 11);
        imageB = TestImages.oci(dir.resolve("b"), 2, 48 * 1024, 12);
        skopeo.push(imageA, host + "/src/app:a");
        skopeo.push(imageB, host + "/src/app:b");
        index = TestImages.ociIndex(dir.resolve("index"), List.of("linux/amd64", "linux/arm64/v8"), 2, 16 * 1024, 13);
        skopeo.push(index, host + "/src/multi:1");
        env = Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private CliRun promote(String... args) {
        return CliRun.run(env, "", args);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Optional<String> tagOnDisk(String repository, String tag) {
        return registry.tagDigestOnDisk(repository, tag);
    }

    // ---- success ----------------------------------------------------------------------------------------------------

    @Test
    void copyExitsZeroPrintsOneSummaryLineAndTargetHasTheSourceDigest() {
        CliRun run = promote("copy", host + "/src/app:a", host + "/summary/app:staging");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.outLines().size(), run::toString);
        String line = run.outLines().get(0);
        assertTrue(line.startsWith("promoted " + host + "/src/app:a (" + imageA.digest() + ") to " + host + "/summary/app:staging"), line);
        assertEquals(imageA.digest(), skopeo.digest(host + "/summary/app:staging"));
    }

    @Test
    void stdoutCarriesOnlyTheResultAndProgressGoesToStderr() {
        CliRun run = promote("copy", host + "/src/app:a", host + "/streams/app:1");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.outLines().size(), run::toString);
        assertFalse(run.out().contains("verified"), "progress must not be on stdout");
        assertTrue(run.err().contains("source " + host + "/src/app:a is " + imageA.digest()), run.err());
        assertTrue(run.err().contains(host + "/streams/app:1 -> " + imageA.digest() + " (verified)"), run.err());
    }

    @Test
    void jsonHasExactlyTheDocumentedFieldsWithTheRealCounts() {
        int mark = registry.accessLogMark();
        CliRun run = promote("copy", "--json", host + "/src/app:a", host + "/jsonfields/app:1");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.outLines().size(), "one JSON document on one line: " + run.out());
        JsonNode json = run.json();
        assertEquals(RESULT_FIELDS, fieldNames(json));
        assertEquals(host + "/src/app:a", json.get("source").asText());
        assertEquals(imageA.digest(), json.get("digest").asText());
        assertEquals(TestImage.OCI_MANIFEST, json.get("mediaType").asText());
        assertEquals(1, json.get("targets").size());
        JsonNode target = json.get("targets").get(0);
        assertEquals(TARGET_FIELDS, fieldNames(target));
        assertEquals(host + "/jsonfields/app:1", target.get("reference").asText());
        assertTrue(target.get("previousDigest").isNull(), "absent target: previousDigest is null, not missing");
        assertTrue(target.get("changed").asBoolean());
        assertTrue(json.get("changed").asBoolean());
        // same registry, other repository: every blob (config + 3 layers) is mounted, nothing streamed
        assertEquals(imageA.blobDigests().size(), json.get("blobsMounted").asInt());
        assertEquals(0, json.get("blobsCopied").asInt());
        assertEquals(0, json.get("blobsSkipped").asInt());
        assertEquals(0, json.get("bytesCopied").asLong());
        assertEquals(1, json.get("manifestsPushed").asInt());
        assertFalse(json.get("dryRun").asBoolean());

        int requests = json.get("requests").asInt();
        List<AccessLogEntry> log = AccessLogs.since(registry, mark, requests);
        assertEquals(log.size(), requests, () -> "requests must match the registry's access log: " + log);
        assertEquals(1, log.stream().filter(e -> e.method().equals("PUT") && e.path().contains("/manifests/")).count());
        for (String blob : imageA.blobDigests()) {
            assertTrue(registry.hasBlobLinked("jsonfields/app", blob), "blob " + blob + " linked in the target");
        }
        assertEquals(Optional.of(imageA.digest()), tagOnDisk("jsonfields/app", "1"));
    }

    @Test
    void secondRunChangesNothingAndExitsZero() {
        String target = host + "/again/app:1";
        assertEquals(0, promote("copy", host + "/src/app:a", target).exitCode());
        int mark = registry.accessLogMark();

        CliRun run = promote("copy", "--json", host + "/src/app:a", target);

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertFalse(json.get("changed").asBoolean());
        JsonNode t = json.get("targets").get(0);
        assertFalse(t.get("changed").asBoolean());
        assertEquals(imageA.digest(), t.get("previousDigest").asText());
        assertEquals(0, json.get("manifestsPushed").asInt());
        assertEquals(0, json.get("blobsMounted").asInt() + json.get("blobsCopied").asInt());
        List<AccessLogEntry> log = AccessLogs.since(registry, mark, json.get("requests").asInt());
        assertEquals(List.of(), AccessLogs.writes(log), "a no-op run writes nothing");
        assertEquals(json.get("requests").asInt(), log.size());
    }

    @Test
    void secondRunSummarySaysAlreadyAtDigest() {
        String target = host + "/again-text/app:1";
        assertEquals(0, promote("copy", host + "/src/app:a", target).exitCode());
        CliRun run = promote("copy", host + "/src/app:a", target);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains(target + " (already at digest)"), run.out());
    }

    @Test
    void copyMovesAnExistingTagAndReportsThePreviousDigest() {
        String target = host + "/move/app:live";
        assertEquals(0, promote("copy", host + "/src/app:b", target).exitCode());

        CliRun run = promote("copy", "--json", host + "/src/app@" + imageA.digest(), target);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(imageB.digest(), run.json().get("targets").get(0).get("previousDigest").asText());
        assertTrue(run.json().get("targets").get(0).get("changed").asBoolean());
        assertEquals(imageA.digest(), skopeo.digest(target));
    }

    @Test
    void severalTargetsAllGetTheDigest() {
        CliRun run = promote("copy", "--json", host + "/src/app:a", host + "/multi/app:1", host + "/multi/app:latest",
                host + "/multi-two/app:1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(3, run.json().get("targets").size());
        for (String t : List.of("/multi/app:1", "/multi/app:latest", "/multi-two/app:1")) {
            assertEquals(imageA.digest(), skopeo.digest(host + t), t);
        }
        assertEquals(3, run.json().get("manifestsPushed").asInt());
    }

    @Test
    void indexIsCopiedWholeWithItsChildManifests() {
        CliRun run = promote("copy", "--json", host + "/src/multi:1", host + "/index-copy/multi:1");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals(index.digest(), json.get("digest").asText());
        assertEquals(TestImage.OCI_INDEX, json.get("mediaType").asText());
        assertEquals(1 + index.childManifestDigests().size(), json.get("manifestsPushed").asInt());
        assertEquals(index.blobDigests().size(), json.get("blobsMounted").asInt());
        assertEquals(index.digest(), skopeo.digest(host + "/index-copy/multi:1"));
        for (String child : index.childManifestDigests()) {
            assertTrue(registry.hasManifestRevision("index-copy/multi", child), child);
        }
    }

    @Test
    void sameRepositoryRetagPushesOnlyTheManifest() {
        CliRun run = promote("copy", "--json", host + "/src/app:a", host + "/src/app:retagged");
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals(0, json.get("blobsMounted").asInt() + json.get("blobsCopied").asInt() + json.get("blobsSkipped").asInt());
        assertEquals(1, json.get("manifestsPushed").asInt());
        assertEquals(imageA.digest(), skopeo.digest(host + "/src/app:retagged"));
    }

    // ---- preconditions (exit 3, target untouched) ----------------------------------------------------------------

    @Test
    void expectCurrentMismatchExitsThreeAndLeavesTheTarget() {
        String target = host + "/cas-mismatch/app:prod";
        assertEquals(0, promote("copy", host + "/src/app:b", target).exitCode());
        int mark = registry.accessLogMark();
        String wrong = "sha256:" + "0".repeat(64);

        CliRun run = promote("copy", "--expect-current", wrong, host + "/src/app:a", target);

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().contains("expected at " + wrong), run.err());
        assertTrue(run.err().contains("it was not changed"), run.err());
        assertEquals(imageB.digest(), skopeo.digest(target));
        assertEquals(List.of(), AccessLogs.writes(AccessLogs.since(registry, mark, 1)), "nothing may be written");
    }

    @Test
    void withJsonAFailedPreconditionIsAJsonErrorWithLostRaceFalse() throws Exception {
        String target = host + "/cas-json/app:prod";
        assertEquals(0, promote("copy", host + "/src/app:b", target).exitCode());
        String wrong = "sha256:" + "0".repeat(64);

        CliRun run = promote("copy", "--json", "--expect-current", wrong, host + "/src/app:a", target);

        assertEquals(3, run.exitCode(), run::toString);
        JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertEquals(Set.of("error", "kind", "exitCode", "lostRace", "target", "expected", "actual"), fieldNames(error));
        assertEquals(false, error.get("lostRace").asBoolean(true), "refused before the write, not overwritten after it");
        assertEquals(3, error.get("exitCode").asInt());
        assertEquals(imageB.digest(), error.get("actual").asText());
        assertEquals(imageB.digest(), skopeo.digest(target));
    }

    @Test
    void aSettleDelayThatIsNotADurationExitsTwo() {
        CliRun run = promote("copy", "--settle-delay", "soon", host + "/src/app:a", host + "/cas-settle/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--settle-delay takes a duration"), run.err());
        assertTrue(tagOnDisk("cas-settle/app", "1").isEmpty());
    }

    @Test
    void expectCurrentMatchingMovesTheTag() {
        String target = host + "/cas-match/app:prod";
        assertEquals(0, promote("copy", host + "/src/app:b", target).exitCode());

        CliRun run = promote("copy", "--expect-current", imageB.digest(), host + "/src/app:a", target);

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(imageA.digest(), skopeo.digest(target));
    }

    @Test
    void expectCurrentOnAnAbsentTargetExitsThree() {
        CliRun run = promote("copy", "--expect-current", imageB.digest(), host + "/src/app:a", host + "/cas-absent/app:prod");
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(Optional.empty(), tagOnDisk("cas-absent/app", "prod"));
    }

    @Test
    void expectAbsentOnAnExistingTargetExitsThreeAndLeavesTheTarget() {
        String target = host + "/absent-exists/app:1";
        assertEquals(0, promote("copy", host + "/src/app:b", target).exitCode());
        int mark = registry.accessLogMark();

        CliRun run = promote("copy", "--expect-absent", host + "/src/app:a", target);

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("expected to be absent"), run.err());
        assertEquals(imageB.digest(), skopeo.digest(target));
        assertEquals(List.of(), AccessLogs.writes(AccessLogs.since(registry, mark, 1)));
    }

    @Test
    void expectAbsentWithOneExistingTargetWritesNoTargetAtAll() {
        String existing = host + "/absent-some/app:taken";
        assertEquals(0, promote("copy", host + "/src/app:b", existing).exitCode());

        CliRun run = promote("copy", "--expect-absent", host + "/src/app:a", host + "/absent-some/app:free", existing);

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals(Optional.empty(), tagOnDisk("absent-some/app", "free"), "preconditions are checked before any write");
        assertEquals(imageB.digest(), skopeo.digest(existing));
    }

    @Test
    void expectAbsentOnAnAbsentTargetWrites() {
        CliRun run = promote("copy", "--expect-absent", host + "/src/app:a", host + "/absent-ok/app:1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(imageA.digest(), skopeo.digest(host + "/absent-ok/app:1"));
    }

    // ---- dry run -----------------------------------------------------------------------------------------------------

    @Test
    void dryRunWritesNothingAndPrintsThePlan() {
        int mark = registry.accessLogMark();

        CliRun run = promote("copy", "--dry-run", host + "/src/app:a", host + "/dry/app:1");

        assertEquals(0, run.exitCode(), run::toString);
        List<AccessLogEntry> log = AccessLogs.since(registry, mark, 1);
        assertFalse(log.isEmpty(), "the plan reads the registry");
        assertEquals(List.of(), AccessLogs.writes(log), "a dry run must not PUT, POST, PATCH or DELETE");
        assertEquals(Optional.empty(), tagOnDisk("dry/app", "1"));
        assertFalse(registry.hasBlobLinked("dry/app", imageA.blobDigests().get(0)));
        List<String> lines = run.outLines();
        assertEquals("plan: " + host + "/src/app:a -> " + imageA.digest() + " (" + TestImage.OCI_MANIFEST + ")", lines.get(0));
        assertTrue(lines.get(1).contains(host + "/dry/app:1: absent -> " + imageA.digest()), lines.get(1));
        assertTrue(lines.get(1).contains("mount " + imageA.blobDigests().size() + " blobs"), lines.get(1));
        assertEquals("dry run: nothing was written", lines.get(lines.size() - 1));
    }

    @Test
    void dryRunJsonReportsThePlannedChange() {
        int mark = registry.accessLogMark();
        CliRun run = promote("copy", "--dry-run", "--json", host + "/src/app:a", host + "/dry-json/app:1");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals(RESULT_FIELDS, fieldNames(json));
        assertTrue(json.get("dryRun").asBoolean());
        assertTrue(json.get("changed").asBoolean(), "the tag would move");
        assertEquals(imageA.blobDigests().size(), json.get("blobsMounted").asInt());
        assertEquals(1, json.get("manifestsPushed").asInt());
        List<AccessLogEntry> log = AccessLogs.since(registry, mark, json.get("requests").asInt());
        assertEquals(json.get("requests").asInt(), log.size());
        assertEquals(List.of(), AccessLogs.writes(log));
        assertEquals(Optional.empty(), tagOnDisk("dry-json/app", "1"));
    }

    // ---- usage errors (exit 2) -----------------------------------------------------------------------------------

    @Test
    void malformedSourceReferenceExitsTwoNamingIt() {
        CliRun run = promote("copy", host + "/Src/App:a", host + "/x/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().contains("invalid image reference '" + host + "/Src/App:a'"), run.err());
        assertTrue(run.err().contains("lower case"), run.err());
    }

    @Test
    void malformedTargetReferenceExitsTwoAndWritesNothing() {
        int mark = registry.accessLogMark();
        CliRun run = promote("copy", host + "/src/app:a", "https://" + host + "/x/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("remove the scheme"), run.err());
        assertEquals(List.of(), AccessLogs.since(registry, mark, 0), "invalid input is refused before any request");
    }

    @Test
    void unknownOptionExitsTwo() {
        CliRun run = promote("copy", "--frobnicate", host + "/src/app:a", host + "/x/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().contains("Unknown option: '--frobnicate'"), run.err());
    }

    @Test
    void expectCurrentAndExpectAbsentTogetherExitTwo() {
        CliRun run = promote("copy", "--expect-current", imageA.digest(), "--expect-absent", host + "/src/app:a", host + "/x/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("mutually exclusive"), run.err());
        assertEquals(Optional.empty(), tagOnDisk("x/app", "1"));
    }

    @Test
    void malformedExpectedDigestExitsTwo() {
        CliRun run = promote("copy", "--expect-current", "sha256:abc", host + "/src/app:a", host + "/x/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("expected 64 lower-case hex characters"), run.err());
    }

    @Test
    void sameTargetTwiceExitsTwo() {
        CliRun run = promote("copy", host + "/src/app:a", host + "/dup/app:1", host + "/dup/app:1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("is given twice"), run.err());
        assertEquals(Optional.empty(), tagOnDisk("dup/app", "1"));
    }

    @Test
    void targetWithTagAndDigestExitsTwo() {
        CliRun run = promote("copy", host + "/src/app:a", host + "/both/app:1@" + imageA.digest());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("has both a tag and a digest"), run.err());
    }

    @Test
    void missingTargetExitsTwo() {
        CliRun run = promote("copy", host + "/src/app:a");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("TARGET"), run.err());
    }

    @Test
    void noCommandExitsTwo() {
        CliRun run = promote();
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("name a command"), run.err());
    }

    @Test
    void unknownCommandExitsTwo() {
        assertEquals(2, promote("promote-everything").exitCode());
    }

    @Test
    void helpCommandPrintsCopyUsageToStdoutAndExitsZero() {
        CliRun run = promote("help", "copy");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("--expect-current"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void topLevelHelpGoesToStdoutAndExitsZero() {
        CliRun run = promote("--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("copy") && run.out().contains("digest"), run.out());
    }

    @Test
    void subcommandHelpOptionPrintsUsageAndExitsZero() {
        // "promote copy --help" is what users type; today it is an unknown option (exit 2)
        CliRun run = promote("copy", "--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("--expect-current"), run.out());
    }

    // ---- failures (exit 1) -----------------------------------------------------------------------------------------

    @Test
    void missingSourceTagExitsOneNamingTheReference() {
        CliRun run = promote("copy", host + "/src/app:does-not-exist", host + "/missing/app:1");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().contains(host + "/src/app:does-not-exist"), run.err());
        assertEquals(Optional.empty(), tagOnDisk("missing/app", "1"));
    }

    @Test
    void unreachableRegistryExitsOne() throws Exception {
        int freePort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        CliRun run = promote("copy", "127.0.0.1:" + freePort + "/src/app:a", host + "/x/app:1");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("cannot reach registry 127.0.0.1:" + freePort), run.err());
    }

    // ---- the copy fast path (no picocli) against picocli ------------------------------------------------------------

    @Test
    void fastPathCopyExitsZeroAndPrintsWhatPicocliPrints() {
        String fastTarget = host + "/fastpath/app:1";
        String picocliTarget = host + "/fastpath/app:2";
        assertTrue(CopyArgumentParser.parse(null, "copy", "--insecure-registry", host, host + "/src/app:a", fastTarget).isPresent());

        CliRun fast = promote("copy", "--insecure-registry", host, host + "/src/app:a", fastTarget);
        CliRun picocli = CliRun.runWithPicocli(env, "", "copy", "--insecure-registry", host, host + "/src/app:a", picocliTarget);

        assertEquals(0, fast.exitCode(), fast::toString);
        assertEquals(imageA.digest(), skopeo.digest(fastTarget));
        assertEquals(imageA.digest(), skopeo.digest(picocliTarget));
        assertEquals(picocli.toString(), fast.toString().replace(fastTarget, picocliTarget));
    }

    @Test
    void fastPathBadReferenceExitsTwoWithPicocliMessage() {
        String[] args = {"copy", "--json", host + "/src/app:a", "https://" + host + "/x/app:1"};
        assertTrue(CopyArgumentParser.parse(null, args).isPresent());

        CliRun fast = promote(args);
        CliRun picocli = CliRun.runWithPicocli(env, "", args);

        assertEquals(2, fast.exitCode(), fast::toString);
        assertTrue(fast.err().startsWith("error: invalid image reference"), fast.err());
        assertEquals(picocli.toString(), fast.toString());
    }

    @Test
    void fastPathFailedPreconditionExitsThreeWithPicocliMessage() {
        String target = host + "/fastpath-cas/app:prod";
        assertEquals(0, promote("copy", host + "/src/app:b", target).exitCode());
        String[] args = {"copy", "--expect-current=sha256:" + "0".repeat(64), host + "/src/app:a", target};
        assertTrue(CopyArgumentParser.parse(null, args).isPresent());

        CliRun fast = promote(args);
        CliRun picocli = CliRun.runWithPicocli(env, "", args);

        assertEquals(3, fast.exitCode(), fast::toString);
        assertEquals(picocli.toString(), fast.toString());
        assertEquals(imageB.digest(), skopeo.digest(target));
    }

    // ---- digest ------------------------------------------------------------------------------------------------------

    @Test
    void digestPrintsOnlyTheDigest() {
        CliRun run = promote("digest", host + "/src/app:a");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(imageA.digest()), run.outLines());
    }

    @Test
    void digestFullPrintsThePinnedReference() {
        CliRun run = promote("digest", "--full", host + "/src/app:b");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(host + "/src/app@" + imageB.digest()), run.outLines());
    }

    @Test
    void digestOfAMissingTagExitsOne() {
        CliRun run = promote("digest", host + "/src/app:nope");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void digestOfAMalformedReferenceExitsTwo() {
        assertEquals(2, promote("digest", "UPPER/Case").exitCode());
    }

    @Test
    void everyRunKeepsStdoutFreeOfErrors() {
        List<CliRun> failures = new ArrayList<>();
        failures.add(promote("copy", host + "/src/app:nope", host + "/x/app:1"));
        failures.add(promote("copy", "--bogus", host + "/src/app:a", host + "/x/app:1"));
        failures.add(promote("digest", "bad//ref"));
        for (CliRun run : failures) {
            assertTrue(run.exitCode() != 0, run::toString);
            assertEquals("", run.out(), run::toString);
            assertTrue(run.err().startsWith("error: "), run::toString);
        }
    }
}
