package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

/**
 * Receives what a promotion does, in order. The CLI prints to stderr, the Jenkins step to the build log; the core
 * itself never logs. Calls for blob progress can come from several threads.
 */
public interface PromotionListener {
    PromotionListener SILENT = new PromotionListener() {
    };

    /** The source was resolved to one digest; everything after this uses the digest. */
    default void resolved(ImageReference source, Digest digest, String mediaType) {
    }

    /**
     * The plan is known: what each target needs. Called before anything is written, so an exception thrown here ends
     * the promotion with every target untouched (the plugin refuses blob copies on the controller this way).
     */
    default void planned(PromotionPlan plan) {
    }

    /** Blob transfer progress; called at most a few times a second and once when all blobs are done. */
    default void progress(TransferProgress progress) {
    }

    /**
     * The source digest's referrers are in {@code target}'s repository and the parity check passed; called before the
     * target tag is written, only when the source has referrers.
     */
    default void referrersCopied(ImageReference target, ReferrersCarried carried) {
    }

    /** A target tag was written (or found already at the digest). */
    default void targetUpdated(TargetOutcome outcome) {
    }

    /**
     * The target is proven to resolve to the promoted digest: a tag was read back after the write (and a settle delay),
     * a digest reference was named in the registry's answer to its PUT (or read back when the answer did not name it).
     */
    default void verified(ImageReference target, Digest digest) {
    }

    /** Something the user should know that does not stop the promotion (a retry, a fallback). */
    default void warning(String message) {
    }
}
