package io.imagepromotion.core.board;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.RecordKind;

import java.time.Instant;
import java.util.List;

/**
 * One change of a lane's tag: a promotion or rollback the ledger recorded, or a hand move inferred between records
 * (or after the last one).
 *
 * @param digest         what the tag was moved to, {@code null} when a hand move deleted it
 * @param previousDigest what it held before, {@code null} when it did not exist
 * @param recordedAt     when the record was written; {@code null} for a hand move, whose time is unknown
 * @param approvedBy     the approvers' user ids as the ledger page lists them
 */
public record LaneEvent(RecordKind kind, Digest digest, Digest previousDigest, Instant recordedAt, List<String> approvedBy) {
    public LaneEvent {
        approvedBy = List.copyOf(approvedBy);
    }

    public boolean handMove() {
        return kind == RecordKind.HAND_MOVE;
    }
}
