package io.imagepromotion.cli;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.RecordOutcome;
import io.imagepromotion.core.ledger.Rollback;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.TagWritePolicy;
import io.imagepromotion.core.ref.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "rollback", sortOptions = false, description = {
        "Move TAG one step back along its promotion history: to the digest promoted before the one it holds, or, when"
                + " it was moved by hand, back to the last promoted digest; --to picks a digest promoted earlier. The tag"
                + " is written with compare-and-set against the digest it holds now (exit 3 if it moves meanwhile) and a"
                + " record of kind rollback is written (exit 5 if that fails; the tag stays rolled back). Exit 3 when"
                + " there is no earlier promotion or its manifest is gone from the repository.",
        "", "Examples:",
        "  promote rollback registry.example.com/app:production",
        "  promote rollback --to sha256:4f2c... --approved-by alice --json registry.example.com/app:production"})
final class RollbackCommand implements Callable<Integer>, JsonOutput {
    private final PromoteMain.Console console;

    @Parameters(index = "0", paramLabel = "TAG", description = "The tag to roll back: registry/repository:tag.")
    String tag;

    @Option(names = "--to", paramLabel = "DIGEST", description = "Roll back to this digest, which the tag's history must"
            + " show promoted (and not since rolled back past).")
    String to;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "How long to wait for another promotion of the tag on this machine (default 5m).")
    String lockTimeout;

    @Mixin
    RecordOptions record = new RecordOptions();

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    RollbackCommand(PromoteMain.Console console) {
        this.console = console;
    }

    @Override
    public boolean jsonOutput() {
        return json;
    }

    @Override
    public Integer call() {
        ImageReference ref = LedgerTags.tag(tag);
        Digest target = to == null ? null : Digest.parse(to);
        var signer = record.signer();
        var context = record.context(null, console.environment());
        TagWritePolicy.Builder policy = TagWritePolicy.builder()
                .locks(TargetLocks.inProcessAndFiles(TargetLocks.defaultDirectory()));
        if (lockTimeout != null) {
            policy.lockTimeout(CopyCommand.duration("--lock-timeout", lockTimeout));
        }
        Rollback.Outcome outcome;
        int requests;
        try (ImagePromoter promoter = new ImagePromoter(registry.settings(console, ref, List.of(ref)),
                new StderrProgress(console.err()), policy.build())) {
            outcome = promoter.rollback(signer).run(promoter, ref, target, context);
            requests = promoter.requestCount();
        }
        boolean recorded = outcome.records().stream().allMatch(RecordOutcome::recorded);
        if (json) {
            console.out().println(LedgerJson.rollback(outcome, requests));
        } else {
            console.out().println("rolled back " + ref + " from " + LedgerText.digest(outcome.from()) + " to " + outcome.to()
                    + (recorded ? "; rollback recorded" : "; NOT recorded") + "; " + requests + " requests");
        }
        return CopyCommand.reportRecords(console, outcome.records()) ? 0 : ExitCodes.NOT_RECORDED;
    }
}
