package io.imagepromotion.cli;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.PromotionPlan;
import io.imagepromotion.core.promote.TransferProgress;
import io.imagepromotion.core.ref.ImageReference;

import java.io.PrintStream;

/** Prints what a promotion does to stderr, for a person at a terminal or a CI log; stdout stays for results. */
final class StderrProgress implements PromotionListener {
    private final PrintStream err;
    private volatile PromotionPlan plan;

    StderrProgress(PrintStream err) {
        this.err = err;
    }

    PromotionPlan plan() {
        return plan;
    }

    @Override
    public void resolved(ImageReference source, Digest digest, String mediaType) {
        err.println("source " + source + " is " + digest + " (" + mediaType + ")");
    }

    @Override
    public void planned(PromotionPlan p) {
        this.plan = p;
        for (PromotionPlan.TargetPlan t : p.targets()) {
            err.println("target " + t.target() + ": " + describe(t));
        }
    }

    @Override
    public void progress(TransferProgress p) {
        err.println("  blobs " + p.blobsDone() + "/" + p.blobsTotal() + ", " + bytes(p.bytesDone()) + " of " + bytes(p.bytesTotal()));
    }

    @Override
    public void referrersCopied(ImageReference target, io.imagepromotion.core.promote.ReferrersCarried carried) {
        err.println("referrers: " + carried.found().size() + " of the source in " + target.name() + " (parity checked; "
                + carried.manifestsPushed() + " manifests written)");
    }

    @Override
    public void verified(ImageReference target, Digest digest) {
        err.println(target + " -> " + digest + " (verified)");
    }

    @Override
    public void warning(String message) {
        err.println("warning: " + message);
    }

    static String describe(PromotionPlan.TargetPlan t) {
        String now = t.currentDigest() == null ? "absent" : "at " + t.currentDigest().shortForm();
        return switch (t.strategy()) {
            case ALREADY_AT_DIGEST -> "already at the digest, nothing to write";
            case RETAG -> now + "; same repository: tag only";
            case MOUNT -> now + "; same registry: mount " + t.blobsToTransfer() + " blobs"
                    + (t.blobsPresent() > 0 ? ", " + t.blobsPresent() + " already there" : "");
            case COPY -> now + "; other registry: copy up to " + t.blobsToTransfer() + " blobs (" + bytes(t.bytesToTransfer()) + ")"
                    + (t.blobsPresent() > 0 ? ", " + t.blobsPresent() + " already there" : "");
        };
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format(java.util.Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }
}
