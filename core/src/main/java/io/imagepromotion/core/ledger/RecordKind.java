package io.imagepromotion.core.ledger;

import java.util.Locale;

/** What a record says happened to the tag; {@link #HAND_MOVE} is never written, it is what history infers between records. */
public enum RecordKind {
    PROMOTION, ROLLBACK, HAND_MOVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static RecordKind parse(String label) {
        for (RecordKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        return PROMOTION;
    }
}
