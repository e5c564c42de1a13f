package io.jenkins.plugins.imagepromotion.model;

import io.imagepromotion.core.ledger.RecordOutcome;
import java.io.Serializable;

/**
 * Whether the registry's promotion ledger holds the record of one target tag's promotion (core's
 * {@link RecordOutcome} as plain values: it travels back from the agent and is stored in {@code build.xml}).
 */
public final class LedgerEntry implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final boolean recorded;
    private final boolean alreadyThere;
    private final String reason;
    private final String record;
    private final boolean signed;

    private LedgerEntry(String target, boolean recorded, boolean alreadyThere, String reason, String record,
                        boolean signed) {
        this.target = target;
        this.recorded = recorded;
        this.alreadyThere = alreadyThere;
        this.reason = reason;
        this.record = record;
        this.signed = signed;
    }

    public static LedgerEntry from(RecordOutcome outcome, boolean signed) {
        return new LedgerEntry(outcome.target().toString(), outcome.recorded(), outcome.alreadyThere(),
                outcome.reason(), outcome.record() == null ? null : outcome.record().toString(),
                signed && outcome.recorded());
    }

    /** The target tag the record is about. */
    public String getTarget() {
        return target;
    }

    public boolean isRecorded() {
        return recorded;
    }

    /** The tag's newest record already described this promotion (a re-run), so none was written. */
    public boolean isAlreadyThere() {
        return alreadyThere;
    }

    /** Why no record was written; {@code null} when it was. */
    public String getReason() {
        return reason;
    }

    /** Digest of the record's referrer manifest in the target repository; {@code null} when not recorded. */
    public String getRecord() {
        return record;
    }

    /** The record is a DSSE envelope signed with the step's signing key. */
    public boolean isSigned() {
        return signed;
    }
}
