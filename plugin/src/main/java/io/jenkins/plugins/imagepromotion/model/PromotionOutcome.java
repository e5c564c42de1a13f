package io.jenkins.plugins.imagepromotion.model;

import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The engine's {@link PromotionResult} as plain serializable values, so it can travel from the agent back to the
 * controller (core's records hold immutable JDK lists, which the remoting class filter need not accept).
 */
public final class PromotionOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String pinnedSource;
    private final String digest;
    private final String mediaType;
    private final ArrayList<TargetRecord> targets;
    private final int blobsMounted;
    private final int blobsCopied;
    private final int blobsSkipped;
    private final long bytesCopied;
    private final int manifestsPushed;
    private final int requests;
    private final boolean dryRun;
    private final ArrayList<LedgerEntry> ledger;

    private PromotionOutcome(PromotionResult result, List<LedgerEntry> ledger) {
        this.source = result.source().toString();
        this.pinnedSource = result.pinnedSource().toString();
        this.digest = result.digest().toString();
        this.mediaType = result.mediaType();
        this.targets = new ArrayList<>();
        for (TargetOutcome t : result.targets()) {
            targets.add(TargetRecord.from(t));
        }
        this.blobsMounted = result.blobsMounted();
        this.blobsCopied = result.blobsCopied();
        this.blobsSkipped = result.blobsSkipped();
        this.bytesCopied = result.bytesCopied();
        this.manifestsPushed = result.manifestsPushed();
        this.requests = result.requests();
        this.dryRun = result.dryRun();
        this.ledger = new ArrayList<>(ledger);
    }

    private PromotionOutcome(PromotionOutcome other, List<LedgerEntry> ledger) {
        this.source = other.source;
        this.pinnedSource = other.pinnedSource;
        this.digest = other.digest;
        this.mediaType = other.mediaType;
        this.targets = new ArrayList<>(other.targets);
        this.blobsMounted = other.blobsMounted;
        this.blobsCopied = other.blobsCopied;
        this.blobsSkipped = other.blobsSkipped;
        this.bytesCopied = other.bytesCopied;
        this.manifestsPushed = other.manifestsPushed;
        this.requests = other.requests;
        this.dryRun = other.dryRun;
        this.ledger = new ArrayList<>(ledger);
    }

    public static PromotionOutcome from(PromotionResult result) {
        return new PromotionOutcome(result, List.of());
    }

    /** This outcome with the ledger records written for it. */
    public PromotionOutcome withLedger(List<LedgerEntry> entries) {
        return new PromotionOutcome(this, entries);
    }

    /** One entry per target tag when the promotion named an environment; empty otherwise. */
    public List<LedgerEntry> ledger() {
        return Collections.unmodifiableList(ledger);
    }

    /** The source as the step was given it (a tag or a digest reference). */
    public String source() {
        return source;
    }

    /** {@code registry/repository@digest}: what was promoted. */
    public String pinnedSource() {
        return pinnedSource;
    }

    public String digest() {
        return digest;
    }

    public String mediaType() {
        return mediaType;
    }

    public List<TargetRecord> targets() {
        return Collections.unmodifiableList(targets);
    }

    /** True when at least one target tag moved (or would move, in a dry run). */
    public boolean changed() {
        return targets.stream().anyMatch(TargetRecord::isChanged);
    }

    public int blobsMounted() {
        return blobsMounted;
    }

    public int blobsCopied() {
        return blobsCopied;
    }

    public int blobsSkipped() {
        return blobsSkipped;
    }

    public long bytesCopied() {
        return bytesCopied;
    }

    public int manifestsPushed() {
        return manifestsPushed;
    }

    public int requests() {
        return requests;
    }

    public boolean dryRun() {
        return dryRun;
    }
}
