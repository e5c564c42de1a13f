package io.imagepromotion.core.ledger;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.digest.Digest;

import java.time.Instant;
import java.util.List;

/**
 * One step of a tag's history: a record the ledger holds ({@link RecordKind#PROMOTION}, {@link RecordKind#ROLLBACK})
 * or a move outside promotions that history infers ({@link RecordKind#HAND_MOVE}: the tag held {@code previousDigest}
 * after one record and {@code digest} before the next, or holds it now).
 *
 * @param digest         what the tag was moved to
 * @param previousDigest what it held before, {@code null} when it did not exist
 * @param recordedAt     when the record was written; {@code null} for a hand move (only its order is known)
 * @param statement      digest of the record's statement blob (the ledger entry), {@code null} for a hand move
 * @param record         digest of the record's referrer manifest, {@code null} for a hand move
 * @param signature      what checking the record's signature found
 */
public record HistoryEntry(RecordKind kind, Digest digest, Digest previousDigest, String environment, Instant recordedAt,
                           List<Approval> approvals, String ciRunUrl, String source, String planHash, Digest statement,
                           Digest record, SignatureCheck signature) {
    public HistoryEntry {
        approvals = List.copyOf(approvals);
    }

    public boolean handMove() {
        return kind == RecordKind.HAND_MOVE;
    }

    static HistoryEntry handMove(Digest from, Digest to) {
        return new HistoryEntry(RecordKind.HAND_MOVE, to, from, null, null, List.of(), null, null, null, null, null,
                SignatureCheck.NOT_CHECKED);
    }
}
