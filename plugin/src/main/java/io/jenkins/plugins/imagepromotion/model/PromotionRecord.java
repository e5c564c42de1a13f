package io.jenkins.plugins.imagepromotion.model;

import io.imagepromotion.core.ref.ImageReference;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One promotion as the build remembers it (in {@code build.xml}): what was promoted, where, what the targets held
 * before, for which environment, approved by whom and when. Strings and numbers only; never a credential.
 */
public final class PromotionRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String pinnedSource;
    private final String digest;
    private final String mediaType;
    private ArrayList<TargetRecord> targets;
    private final String environment;
    private final String approvedBy;
    private final long timestamp;
    private final boolean dryRun;
    private final int blobsMounted;
    private final int blobsCopied;
    private final long bytesCopied;
    /** Null in builds stored before the ledger existed; see {@link #readResolve()}. */
    private ArrayList<LedgerEntry> ledger;
    /** Null in builds stored before approval gates existed; see {@link #readResolve()}. */
    private ArrayList<ApprovalEntry> approvals;

    private PromotionRecord(PromotionOutcome outcome, String environment, String approvedBy, long timestamp,
                            List<ApprovalEntry> approvals) {
        this.source = outcome.source();
        this.pinnedSource = outcome.pinnedSource();
        this.digest = outcome.digest();
        this.mediaType = outcome.mediaType();
        this.targets = new ArrayList<>(outcome.targets());
        this.environment = environment;
        this.approvedBy = approvedBy;
        this.timestamp = timestamp;
        this.dryRun = outcome.dryRun();
        this.blobsMounted = outcome.blobsMounted();
        this.blobsCopied = outcome.blobsCopied();
        this.bytesCopied = outcome.bytesCopied();
        this.ledger = new ArrayList<>(outcome.ledger());
        this.approvals = new ArrayList<>(approvals);
    }

    /** XStream does not run constructors or field initializers: a list missing from build.xml comes back null. */
    private Object readResolve() {
        if (ledger == null) {
            ledger = new ArrayList<>();
        }
        if (targets == null) {
            targets = new ArrayList<>();
        }
        if (approvals == null) {
            approvals = new ArrayList<>();
        }
        return this;
    }

    /**
     * @param environment the environment name the pipeline gave, or {@code null}
     * @param approvedBy  who approved, as the pipeline gave it (e.g. the {@code input} step's submitter), or null
     * @param timestamp   when the promotion finished, epoch milliseconds
     */
    public static PromotionRecord of(PromotionOutcome outcome, String environment, String approvedBy, long timestamp) {
        return new PromotionRecord(outcome, environment, approvedBy, timestamp, List.of());
    }

    /**
     * @param approvals the approvals the promotion carries: those Jenkins vouches for (a gate) and, from
     *                  {@code approvedBy}, those only the pipeline asserts
     */
    public static PromotionRecord of(PromotionOutcome outcome, String environment, String approvedBy, long timestamp,
                                     List<ApprovalEntry> approvals) {
        return new PromotionRecord(outcome, environment, approvedBy, timestamp, approvals);
    }

    /** Every approval of this promotion, each naming its authority (jenkins or asserted by the pipeline). */
    public List<ApprovalEntry> getApprovals() {
        return Collections.unmodifiableList(approvals);
    }

    public String getSource() {
        return source;
    }

    public String getPinnedSource() {
        return pinnedSource;
    }

    public String getDigest() {
        return digest;
    }

    public String getMediaType() {
        return mediaType;
    }

    public List<TargetRecord> getTargets() {
        return Collections.unmodifiableList(targets);
    }

    /** The registry ledger's record of each target tag, when the promotion named an environment. */
    public List<LedgerEntry> getLedger() {
        return Collections.unmodifiableList(ledger);
    }

    public String getEnvironment() {
        return environment;
    }

    /** {@code approvedBy:} as the pipeline gave it: asserted by the pipeline, not an approval Jenkins checked. */
    public String getApprovedBy() {
        return approvedBy;
    }

    public long getTimestamp() {
        return timestamp;
    }

    /** ISO-8601 UTC time, for the build page. */
    public String getTime() {
        return Instant.ofEpochMilli(timestamp).toString();
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public int getBlobsMounted() {
        return blobsMounted;
    }

    public int getBlobsCopied() {
        return blobsCopied;
    }

    public long getBytesCopied() {
        return bytesCopied;
    }

    /** Short form for badges and lists: {@code myapp@sha256:abcd1234ef56 \u2192 staging, prod}. */
    public String getLabel() {
        List<ImageReference> to = targets.stream().map(t -> ImageReference.parse(t.getReference())).toList();
        return PromotionLabel.of(ImageReference.parse(pinnedSource), to, dryRun);
    }
}
