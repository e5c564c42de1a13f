package io.jenkins.plugins.imagepromotion.log;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.PromotionPlan;
import io.imagepromotion.core.promote.PromotionPlan.TargetPlan;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.promote.TransferProgress;
import io.imagepromotion.core.ref.ImageReference;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Writes what a promotion does to a build log: the resolved digest, the plan per target, throttled copy progress,
 * one verification line per target ({@code host/app:staging -> sha256:… (verified)}) and a summary. Only references,
 * digests and counts are printed, never credentials. Blob progress arrives from several threads, hence the locking.
 */
public final class BuildLogListener implements PromotionListener {
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "Writes to the caller's log on purpose")
    private final PrintStream out;
    private final ProgressThrottle throttle;

    public BuildLogListener(PrintStream out) {
        this(out, new ProgressThrottle(DEFAULT_PROGRESS_INTERVAL, System::nanoTime));
    }

    public BuildLogListener(PrintStream out, ProgressThrottle throttle) {
        this.out = out;
        this.throttle = throttle;
    }

    @Override
    public synchronized void resolved(ImageReference source, Digest digest, String mediaType) {
        String type = mediaType == null ? "" : " (" + mediaType + ")";
        if (source.digest() == null) {
            out.println("Resolved " + source + " -> " + digest + type);
        } else {
            out.println("Source " + source + type);
        }
    }

    @Override
    public synchronized void planned(PromotionPlan plan) {
        out.println("Plan for " + plan.source().withDigest(plan.digest()) + " (" + plan.manifestCount()
                + (plan.manifestCount() == 1 ? " manifest):" : " manifests):"));
        for (TargetPlan target : plan.targets()) {
            out.println("  " + target.target() + ": " + describe(target));
        }
    }

    static String describe(TargetPlan plan) {
        String now = plan.currentDigest() == null ? "absent" : "now at " + plan.currentDigest();
        return switch (plan.strategy()) {
            case ALREADY_AT_DIGEST -> "already at the digest, nothing to write";
            case RETAG -> "retag in the same repository (" + now + ")";
            case MOUNT -> "mount " + blobs(plan.blobsToTransfer()) + " from the source repository"
                    + present(plan.blobsPresent()) + " (" + now + ")";
            case COPY -> "copy " + blobs(plan.blobsToTransfer()) + ", up to " + ByteSizes.format(plan.bytesToTransfer())
                    + present(plan.blobsPresent()) + " (" + now + ")";
        };
    }

    private static String blobs(int count) {
        return count + (count == 1 ? " blob" : " blobs");
    }

    private static String present(int count) {
        return count == 0 ? "" : ", " + count + " already there";
    }

    @Override
    public void progress(TransferProgress progress) {
        if (!throttle.shouldReport(progress)) {
            return;
        }
        synchronized (this) {
            out.println("  copied " + progress.blobsDone() + "/" + progress.blobsTotal() + " blobs, "
                    + ByteSizes.format(progress.bytesDone()) + " of " + ByteSizes.format(progress.bytesTotal()));
        }
    }

    @Override
    public synchronized void verified(ImageReference target, Digest digest) {
        out.println(target + " -> " + digest + " (verified)");
    }

    @Override
    public synchronized void targetUpdated(TargetOutcome outcome) {
        if (!outcome.changed()) {
            out.println(outcome.reference() + " already at " + outcome.previousDigest() + " (unchanged)");
        } else if (outcome.previousDigest() == null) {
            out.println("  " + outcome.reference() + " was absent before");
        } else {
            out.println("  " + outcome.reference() + " was at " + outcome.previousDigest() + " before");
        }
    }

    @Override
    public synchronized void warning(String message) {
        out.println("WARNING: " + message);
    }

    /** The closing lines: what moved and what it cost. */
    public synchronized void summary(PromotionResult result) {
        long moved = result.targets().stream().filter(TargetOutcome::changed).count();
        long unchanged = result.targets().size() - moved;
        String blobs = result.blobsMounted() + " mounted, " + result.blobsCopied() + " copied ("
                + ByteSizes.format(result.bytesCopied()) + "), " + result.blobsSkipped() + " already there";
        if (result.dryRun()) {
            out.println("Dry run, nothing was written: " + moved + " of " + result.targets().size()
                    + " targets would move to " + result.digest() + "; blobs: " + blobs + "; "
                    + result.manifestsPushed() + " manifest writes; " + result.requests() + " registry requests");
        } else {
            out.println("Promoted " + result.pinnedSource() + ": " + moved + " moved, " + unchanged + " unchanged; blobs: "
                    + blobs + "; " + result.manifestsPushed() + " manifest writes; " + result.requests()
                    + " registry requests");
        }
    }
}
