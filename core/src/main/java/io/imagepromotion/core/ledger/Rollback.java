package io.imagepromotion.core.ledger;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One step back along a tag's promotion history. The history is read as a stack: a promotion pushes its digest, a
 * rollback to D pops down to D. When the tag holds the top of the stack, the step goes to the digest below it; when
 * the tag was moved by hand, the step goes back to the top, the last promoted digest. The tag is written with
 * compare-and-set against the digest it holds now, and a record of kind rollback is written.
 */
public final class Rollback {
    /** How many of a tag's records a rollback reads. */
    static final int HISTORY_DEPTH = 1000;

    /** What the rollback did. */
    public record Outcome(ImageReference tag, Digest from, Digest to, PromotionResult promotion, List<RecordOutcome> records) {
    }

    private final PromotionLedger ledger;
    private final RegistryClient client;

    public Rollback(PromotionLedger ledger, RegistryClient client) {
        this.ledger = ledger;
        this.client = client;
    }

    /** The digest a rollback of {@code history} goes to, or {@code to} when given (which must have been promoted). */
    static Digest target(TagHistory history, Digest to) {
        List<HistoryEntry> records = history.records();
        Deque<HistoryEntry> stack = new ArrayDeque<>();
        for (int i = records.size() - 1; i >= 0; i--) {
            HistoryEntry r = records.get(i);
            if (r.kind() == RecordKind.ROLLBACK) {
                while (!stack.isEmpty() && !stack.peek().digest().equals(r.digest())) {
                    stack.pop();
                }
            } else {
                stack.push(r);
            }
        }
        String tag = history.tag().toString();
        if (to != null) {
            boolean promoted = stack.stream().anyMatch(e -> e.digest().equals(to));
            if (!promoted) {
                throw new NoEarlierPromotionException(tag, "cannot roll " + tag + " back to " + to
                        + ": the ledger has no promotion of that digest to this tag still in effect; see promote history " + tag);
            }
            return to;
        }
        if (stack.isEmpty()) {
            throw new NoEarlierPromotionException(tag, "cannot roll " + tag + " back: the ledger has no promotion of it");
        }
        if (!stack.peek().digest().equals(history.current())) {
            return stack.peek().digest(); // moved by hand: back to the last promoted digest
        }
        stack.pop();
        if (stack.isEmpty()) {
            throw new NoEarlierPromotionException(tag, "cannot roll " + tag + " back: there is no promotion before "
                    + history.current().shortForm() + " in its history");
        }
        return stack.peek().digest();
    }

    /** Rolls {@code tag} back one step (or to {@code to}), as {@code promoter}'s write and a rollback record. */
    public Outcome run(ImagePromoter promoter, ImageReference tag, Digest to, PromotionLedger.RecordContext context) {
        TagHistory history = ledger.history(tag, HISTORY_DEPTH);
        Digest target = target(history, to);
        if (client.headManifest(tag.withDigest(target)).isEmpty()) {
            throw new NoEarlierPromotionException(tag.toString(), "cannot roll " + tag + " back to " + target
                    + ": that manifest is gone from " + tag.name() + " (deleted or garbage-collected)");
        }
        String environment = context.environment() != null ? context.environment()
                : history.records().stream().filter(r -> r.digest().equals(target)).findFirst()
                .map(HistoryEntry::environment).orElse("");
        PromotionRequest.Builder request = PromotionRequest.builder(tag.withDigest(target)).target(tag);
        if (history.current() == null) {
            request.expectAbsent(true);
        } else {
            request.expectCurrent(history.current());
        }
        PromotionResult result = promoter.promote(request.build());
        PromotionLedger.RecordContext rollbackContext = new PromotionLedger.RecordContext(environment, context.approvals(),
                context.planHash(), context.ciRunUrl(), context.toolName(), context.toolVersion());
        List<RecordOutcome> records = ledger.record(result, rollbackContext, RecordKind.ROLLBACK);
        return new Outcome(tag, history.current(), target, result, records);
    }
}
