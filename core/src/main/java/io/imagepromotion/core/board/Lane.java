package io.imagepromotion.core.board;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.HistoryEntry;
import io.imagepromotion.core.ref.ImageReference;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One environment of the board: its tag now, its last record and its recent changes.
 *
 * @param environment the environment its last record names, else the tag
 * @param current     what the tag resolves to now, {@code null} when it does not exist
 * @param lastRecord  the newest record of the tag, {@code null} when it has none
 * @param since       when the tag got what it holds, {@code null} when unknown (moved by hand, or unrecorded)
 * @param there       how long it has held it, {@code null} when {@code since} is unknown
 * @param events      the last changes, newest first, hand moves included
 */
public record Lane(ImageReference tag, String environment, Digest current, LaneState state, HistoryEntry lastRecord,
                   Instant since, Duration there, List<LaneEvent> events) {
    public Lane {
        events = List.copyOf(events);
    }
}
