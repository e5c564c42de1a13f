package io.jenkins.plugins.imagepromotion.model;

import io.imagepromotion.core.promote.TargetOutcome;
import java.io.Serializable;
import java.util.Objects;

/**
 * What happened to one target tag. A plain class of strings (not a record) because build actions are stored with
 * XStream, which cannot write record fields.
 */
public final class TargetRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String reference;
    private final String previousDigest;
    private final boolean changed;

    /**
     * @param previousDigest the digest the tag pointed at before, {@code null} when the tag did not exist
     */
    public TargetRecord(String reference, String previousDigest, boolean changed) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.previousDigest = previousDigest;
        this.changed = changed;
    }

    static TargetRecord from(TargetOutcome outcome) {
        return new TargetRecord(outcome.reference().toString(),
                outcome.previousDigest() == null ? null : outcome.previousDigest().toString(), outcome.changed());
    }

    public String getReference() {
        return reference;
    }

    /** The digest before the promotion, or {@code null} when the tag did not exist. */
    public String getPreviousDigest() {
        return previousDigest;
    }

    public boolean isChanged() {
        return changed;
    }

    @Override
    public String toString() {
        return reference + " (was " + (previousDigest == null ? "absent" : previousDigest) + (changed ? ", moved)" : ", unchanged)");
    }
}
