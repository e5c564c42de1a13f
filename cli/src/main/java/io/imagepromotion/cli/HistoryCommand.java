package io.imagepromotion.cli;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ledger.Dsse;
import io.imagepromotion.core.ledger.RecordSigner;
import io.imagepromotion.core.ledger.RecordVerifier;
import io.imagepromotion.core.ledger.SignatureCheck;
import io.imagepromotion.core.ledger.TagHistory;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.ref.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "history", sortOptions = false, description = {
        "List the promotion records of TAG, newest first: digest, environment, time, approvals, CI run and the digest"
                + " the tag held before; HAND MOVE marks where the tag was moved outside promotions. With --verify-key"
                + " each record is marked verified, unsigned or BAD SIGNATURE, and a bad signature exits 6.",
        "", "Examples:",
        "  promote history registry.example.com/app:production",
        "  promote history --limit 5 --verify-key promoter.pub --json registry.example.com/app:production"})
final class HistoryCommand implements Callable<Integer>, JsonOutput {
    private final PromoteMain.Console console;

    @Parameters(index = "0", paramLabel = "TAG", description = "The tag whose history to list: registry/repository:tag.")
    String tag;

    @Option(names = "--limit", paramLabel = "N", description = "At most N records (default 20).")
    int limit = 20;

    @Option(names = "--verify-key", paramLabel = "FILE",
            description = "Check each record's signature with this ECDSA P-256 or Ed25519 public key (PEM).")
    Path verifyKey;

    @Option(names = "--json", description = "Print the history as JSON on stdout.")
    boolean json;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    HistoryCommand(PromoteMain.Console console) {
        this.console = console;
    }

    @Override
    public boolean jsonOutput() {
        return json;
    }

    @Override
    public Integer call() {
        ImageReference ref = LedgerTags.tag(tag);
        if (limit < 1 || limit > 10_000) {
            throw new InvalidInputException("--limit takes a number of records from 1 to 10000, got " + limit);
        }
        RecordVerifier verifier = verifyKey == null ? RecordVerifier.NONE : RecordVerifier.with(Dsse.readPublicKey(verifyKey));
        TagHistory history;
        int requests;
        try (ImagePromoter promoter = new ImagePromoter(registry.readingSettings(console, List.of(ref)), PromotionListener.SILENT)) {
            history = promoter.ledger(RecordSigner.UNSIGNED).history(ref, limit, verifier);
            requests = promoter.requestCount();
        }
        if (json) {
            console.out().println(LedgerJson.history(history, requests));
        } else {
            LedgerText.history(console.out(), history, "");
        }
        long bad = history.entries().stream().filter(e -> e.signature() == SignatureCheck.BAD_SIGNATURE).count();
        if (bad > 0) {
            console.err().println("error: " + bad + " record(s) of " + ref + " do not verify with " + verifyKey
                    + ": changed after signing, or signed by another key");
            return ExitCodes.BAD_SIGNATURE;
        }
        return 0;
    }
}
