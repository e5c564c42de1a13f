package io.imagepromotion.cli;

import io.imagepromotion.core.ledger.PromotionLedger;
import io.imagepromotion.core.ledger.RecordSigner;
import io.imagepromotion.core.ledger.TagHistory;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.ref.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "status", sortOptions = false, description = {
        "For each TAG: the digest it holds now, the digest its last promotion record put there and who approved it."
                + " When the two differ the line starts with DRIFT and names both digests, and the command exits 4"
                + " (for a cron job that alerts); a tag without records is listed and is no drift.",
        "", "Examples:",
        "  promote status registry.example.com/app:staging registry.example.com/app:production",
        "  promote status --json registry.example.com/app:production || alert \"production drifted\""})
final class StatusCommand implements Callable<Integer>, JsonOutput {
    private final PromoteMain.Console console;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "TAG", description = "Tags to check: registry/repository:tag.")
    List<String> tags;

    @Option(names = "--json", description = "Print the status as JSON on stdout.")
    boolean json;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    StatusCommand(PromoteMain.Console console) {
        this.console = console;
    }

    @Override
    public boolean jsonOutput() {
        return json;
    }

    @Override
    public Integer call() {
        List<ImageReference> refs = tags.stream().map(LedgerTags::tag).toList();
        List<TagHistory> statuses = new ArrayList<>();
        int requests;
        try (ImagePromoter promoter = new ImagePromoter(registry.readingSettings(console, refs), PromotionListener.SILENT)) {
            PromotionLedger ledger = promoter.ledger(RecordSigner.UNSIGNED);
            for (ImageReference ref : refs) {
                statuses.add(ledger.status(ref));
            }
            requests = promoter.requestCount();
        }
        if (json) {
            console.out().println(LedgerJson.status(statuses, requests));
        } else {
            statuses.forEach(s -> console.out().println(LedgerText.status(s)));
        }
        return statuses.stream().anyMatch(TagHistory::drift) ? ExitCodes.DRIFT : 0;
    }
}
