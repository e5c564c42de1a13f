package io.imagepromotion.cli;

import io.imagepromotion.core.digest.Digest;
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

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(mixinStandardHelpOptions = true, name = CopyCommand.NAME, description = {
        "Point each TARGET at exactly the manifest digest of SOURCE: same repository, another repository or another"
                + " registry. Blobs are mounted or streamed, never rebuilt; indexes are copied whole; every target must"
                + " resolve to the source digest after the write, as the registry's answer to the tag's PUT names it"
                + " (or, when the registry does not name it, as the tag reads back).",
        "", "Examples:",
        "  promote copy registry.example.com/app@sha256:... registry.example.com/app:staging",
        "  promote copy --expect-current sha256:... reg/app:1.4 reg/app:production",
        "  promote copy --json --dest-creds ci < password.txt reg/app:1.4 other.example.com/app:1.4"},
        sortOptions = false)
final class CopyCommand implements Callable<Integer> {
    // Names shared by the annotations and CopyArgumentParser, which reads ordinary copy arguments without picocli.
    static final String NAME = "copy";
    static final String EXPECT_CURRENT = "--expect-current";
    static final String EXPECT_ABSENT = "--expect-absent";
    static final String DRY_RUN = "--dry-run";
    static final String JSON = "--json";

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

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    CopyCommand(PromoteMain.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        ImageReference src = ImageReference.parse(source);
        List<ImageReference> dests = targets.stream().map(ImageReference::parse).toList();
        PromotionRequest request = PromotionRequest.builder(src).targets(dests)
                .expectCurrent(precondition.expectCurrent == null ? null : Digest.parse(precondition.expectCurrent))
                .expectAbsent(precondition.expectAbsent)
                .dryRun(dryRun)
                .build();
        StderrProgress progress = new StderrProgress(console.err());
        PromotionResult result;
        try (ImagePromoter promoter = new ImagePromoter(registry.settings(console, src, dests), progress)) {
            result = promoter.promote(request);
        }
        if (json) {
            console.out().println(ResultJson.write(result));
        } else if (dryRun) {
            printPlan(progress.plan(), result);
        } else {
            console.out().println(summary(result));
        }
        return 0;
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
