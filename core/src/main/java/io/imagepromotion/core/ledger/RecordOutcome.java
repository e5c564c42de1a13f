package io.imagepromotion.core.ledger;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

/**
 * Whether a target's record was written.
 *
 * @param recorded     the ledger holds a record of this promotion (written now, or already there)
 * @param alreadyThere the tag's newest record had the same plan hash and digest, so nothing was written
 * @param reason       why it was not recorded, {@code null} when it was
 * @param statement    digest of the record's statement blob, {@code null} when not recorded
 * @param record       digest of the record's referrer manifest, {@code null} when not recorded
 */
public record RecordOutcome(ImageReference target, boolean recorded, boolean alreadyThere, String reason, Digest statement,
                            Digest record) {
    static RecordOutcome failed(ImageReference target, String reason) {
        return new RecordOutcome(target, false, false, reason, null, null);
    }
}
