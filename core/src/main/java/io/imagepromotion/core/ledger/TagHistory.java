package io.imagepromotion.core.ledger;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

import java.util.List;
import java.util.Optional;

/**
 * A tag's history, newest first: its records and, between them, the moves made outside promotions.
 *
 * @param current what the tag resolves to now, {@code null} when it does not exist
 */
public record TagHistory(ImageReference tag, Digest current, List<HistoryEntry> entries) {
    public TagHistory {
        entries = List.copyOf(entries);
    }

    /** The records alone, newest first. */
    public List<HistoryEntry> records() {
        return entries.stream().filter(e -> !e.handMove()).toList();
    }

    public Optional<HistoryEntry> lastRecord() {
        return records().stream().findFirst();
    }

    /** The tag holds something other than what its last record put there. */
    public boolean drift() {
        return lastRecord().map(r -> !r.digest().equals(current)).orElse(false);
    }
}
