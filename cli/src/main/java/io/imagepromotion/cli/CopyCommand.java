package io.imagepromotion.cli;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ledger.PromotionLedger;
import io.imagepromotion.core.ledger.RecordOutcome;
import io.imagepromotion.core.ledger.RecordSigner;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.promote.TagWritePolicy;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionPlan;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.ref.ImageReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(mixinStandardHelpOptions = true, name = CopyCommand.NAME, description = {
        "Point each TARGET at exactly the manifest digest of SOURCE: same repository, another repository or another"
                + " registry. Blobs are mounted or streamed, never rebuilt; indexes are copied whole; every target must"
                + " resolve to the source digest after the write: each tag is read back after a short settle delay, and"
                + " one found overwritten by a concurrent writer exits 3 (lostRace in --json). Promotions of one"
                + " target on this machine are serialised by a lock file; see docs/reliability.md for the guarantee.",
        "", "Examples:",
        "  promote copy registry.example.com/app@sha256:... registry.example.com/app:staging",
        "  promote copy --expect-current sha256:... reg/app:1.4 reg/app:production",
        "  promote copy --json --dest-creds ci < password.txt reg/app:1.4 other.example.com/app:1.4",
        "  promote copy --environment production --approved-by alice,bob --sign-key promoter.pem reg/app@sha256:... reg/app:prod",
        "", "With --environment NAME a promotion record is written into each target repository after its tag is verified"
                + " (see promote history, status, rollback); exit 5 when a tag moved but its record could not be"
                + " written (the promotion stays)."},
        sortOptions = false)
final class CopyCommand implements Callable<Integer>, JsonOutput {
    // Names shared by the annotations and CopyArgumentParser, which reads ordinary copy arguments without picocli.
    static final String NAME = "copy";
    static final String EXPECT_CURRENT = "--expect-current";
    static final String EXPECT_ABSENT = "--expect-absent";
    static final String DRY_RUN = "--dry-run";
    static final String JSON = "--json";
    static final String LOCK_TIMEOUT = "--lock-timeout";
    static final String SETTLE_DELAY = "--settle-delay";
    static final String NO_LOCK = "--no-lock";
    static final String NO_READ_BACK = "--no-read-back";
    static final String NO_REFERRERS = "--no-referrers";
    static final String ENVIRONMENT = "--environment";
    static final String NO_RECORD = "--no-record";

    private final PromoteMain.Console console;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "Image to promote: a tag or a digest reference.")
    String source;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET", description = "Target references (tags to move).")
    List<String> targets;

    @ArgGroup(exclusive = true)
    Precondition precondition = new Precondition();

    static final class Precondition {
        @Option(names = EXPECT_CURRENT, paramLabel = "DIGEST",
                description = "Write only if every target is at this digest now (compare-and-set); exit 3 otherwise.")
        String expectCurrent;

        @Option(names = EXPECT_ABSENT, description = "Write only if no target exists yet; exit 3 otherwise.")
        boolean expectAbsent;
    }

    @Option(names = DRY_RUN, description = "Print the plan; write nothing.")
    boolean dryRun;

    @Option(names = JSON, description = "Print the result as JSON on stdout.")
    boolean json;

    // Strings, converted in call(): CopyArgumentParser must leave exactly what picocli leaves.
    @Option(names = LOCK_TIMEOUT, paramLabel = "DURATION",
            description = "How long to wait for another promotion on this machine writing the same target (default 5m;"
                    + " e.g. 30s, 500ms, 0 = do not wait); exit 1 when it stays busy.")
    String lockTimeout;

    @Option(names = SETTLE_DELAY, paramLabel = "DURATION",
            description = "Pause between the tag write and its read-back, which catches a concurrent writer on another"
                    + " machine (default 20ms, at most 10s); a tag found overwritten exits 3.")
    String settleDelay;

    @Option(names = NO_LOCK, description = "Do not take the per-target lock (in this process and in the lock files under"
            + " ~/.cache/image-promotion/locks): only for tests and for simulating writers on several machines.")
    boolean noLock;

    @Option(names = NO_READ_BACK, hidden = true, description = "Trust the PUT's answer instead of reading the tag back:"
            + " only for measuring what the read-back catches (docs/reliability.md).")
    boolean noReadBack;

    @Option(names = NO_REFERRERS, description = "Leave the source digest's signatures, attestations, SBOMs and other"
            + " referrers behind (by default they are copied to a target in another repository before its tag moves).")
    boolean noReferrers;

    @Option(names = ENVIRONMENT, paramLabel = "NAME", description = "Write a promotion record per target repository"
            + " for environment NAME (e.g. staging), after the tag is verified. Without it no record is written.")
    String environment;

    @Option(names = NO_RECORD, description = "Write no record even with --environment.")
    boolean noRecord;

    @Mixin
    RecordOptions record = new RecordOptions();

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    CopyCommand(PromoteMain.Console console) {
        this.console = console;
    }

    @Override
    public boolean jsonOutput() {
        return json;
    }

    @Override
    public Integer call() {
        if (environment == null && record.any()) {
            throw new InvalidInputException(RecordOptions.APPROVED_BY + ", " + RecordOptions.SIGN_KEY + " and "
                    + RecordOptions.CI_RUN + " describe a promotion record, which is written only with " + ENVIRONMENT + " NAME");
        }
        boolean recording = environment != null && !noRecord && !dryRun;
        // Everything a record needs is checked before anything moves: a bad key is an input error, not a lost record.
        RecordSigner signer = null;
        PromotionLedger.RecordContext context = null;
        if (environment != null) {
            RecordOptions.environment(environment);
            signer = record.signer();
            context = record.context(environment, console.environment());
        }
        ImageReference src = ImageReference.parse(source);
        List<ImageReference> dests = targets.stream().map(ImageReference::parse).toList();
        PromotionRequest request = PromotionRequest.builder(src).targets(dests)
                .expectCurrent(precondition.expectCurrent == null ? null : Digest.parse(precondition.expectCurrent))
                .expectAbsent(precondition.expectAbsent)
                .dryRun(dryRun)
                .copyReferrers(!noReferrers)
                .build();
        StderrProgress progress = new StderrProgress(console.err());
        PromotionResult result;
        List<RecordOutcome> records = null;
        int ledgerRequests = 0;
        try (ImagePromoter promoter = new ImagePromoter(registry.settings(console, src, dests), progress, writePolicy())) {
            result = promoter.promote(request);
            if (recording) {
                int before = promoter.requestCount();
                records = promoter.ledger(signer).recordPromotion(result, context);
                ledgerRequests = promoter.requestCount() - before;
            }
        }
        if (json) {
            console.out().println(ResultJson.write(result, records, ledgerRequests));
        } else if (dryRun) {
            printPlan(progress.plan(), result);
        } else {
            console.out().println(summary(result) + (records == null ? "" : recordSummary(records)));
        }
        return records == null || reportRecords(console, records) ? 0 : ExitCodes.NOT_RECORDED;
    }

    private String recordSummary(List<RecordOutcome> records) {
        long written = records.stream().filter(RecordOutcome::recorded).count();
        return written == records.size() ? "; recorded for " + environment
                : "; NOT recorded for " + environment + " (" + (records.size() - written) + " of " + records.size() + " records failed)";
    }

    /** Names each record on stderr, and each one not written with why; true when all were written. */
    static boolean reportRecords(PromoteMain.Console console, List<RecordOutcome> records) {
        boolean all = true;
        for (RecordOutcome r : records) {
            if (r.recorded()) {
                console.err().println("record of " + r.target() + ": " + r.record()
                        + (r.alreadyThere() ? " (already there: the same promotion was recorded before)" : ""));
            } else {
                all = false;
                console.err().println("error: " + r.target() + " was promoted, but its promotion record was not written: "
                        + r.reason() + " (the promotion stays; exit " + ExitCodes.NOT_RECORDED + ")");
            }
        }
        return all;
    }

    TagWritePolicy writePolicy() {
        TagWritePolicy.Builder policy = TagWritePolicy.builder()
                .locks(noLock ? TargetLocks.disabled() : TargetLocks.inProcessAndFiles(TargetLocks.defaultDirectory()))
                .proveByReadBack(!noReadBack);
        if (lockTimeout != null) {
            policy.lockTimeout(duration(LOCK_TIMEOUT, lockTimeout));
        }
        if (settleDelay != null) {
            policy.settleDelay(duration(SETTLE_DELAY, settleDelay));
        }
        return policy.build();
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}; a bare number is seconds. */
    static Duration duration(String option, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)?").matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidInputException(option + " takes a duration such as 500ms, 30s or 5m, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private void printPlan(PromotionPlan plan, PromotionResult result) {
        console.out().println("plan: " + result.source() + " -> " + result.digest() + " (" + result.mediaType() + ")");
        for (PromotionPlan.TargetPlan t : plan.targets()) {
            console.out().println("  " + t.target() + ": " + (t.currentDigest() == null ? "absent" : t.currentDigest())
                    + " -> " + result.digest() + "; " + StderrProgress.describe(t));
        }
        console.out().println("dry run: nothing was written");
    }

    static String summary(PromotionResult r) {
        String targets = r.targets().stream().map(CopyCommand::describe).collect(Collectors.joining(", "));
        return "promoted " + r.source() + " (" + r.digest() + ") to " + targets
                + "; blobs: " + r.blobsMounted() + " mounted, " + r.blobsCopied() + " copied, " + r.blobsSkipped() + " skipped; "
                + StderrProgress.bytes(r.bytesCopied()) + " copied; " + r.manifestsPushed() + " manifests pushed; "
                + r.requests() + " requests";
    }

    private static String describe(TargetOutcome t) {
        if (!t.changed()) {
            return t.reference() + " (already at digest)";
        }
        return t.reference() + " (was " + (t.previousDigest() == null ? "absent" : t.previousDigest().shortForm()) + ")";
    }
}
