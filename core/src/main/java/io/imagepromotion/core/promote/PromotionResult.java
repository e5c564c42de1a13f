package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

import java.util.List;

/**
 * The outcome of a promotion. In a dry run the counts describe the plan: what would be mounted, copied, skipped and
 * pushed; {@code requests} counts the read-only requests the planning made.
 *
 * @param source          the source as requested (may be a tag)
 * @param digest          the one digest that was promoted; every target now resolves to it
 * @param mediaType       the media type of the promoted manifest or index
 * @param targets         per target: previous digest and whether it moved
 * @param blobsMounted    blobs linked into a target repository by a cross-repository mount
 * @param blobsCopied     blobs streamed from the source to a target registry
 * @param blobsSkipped    blobs a target repository already had
 * @param bytesCopied     bytes streamed for the copied blobs
 * @param manifestsPushed manifest PUTs, child manifests and tags included
 * @param requests        HTTP requests sent to registries (token service requests not included)
 * @param referrers       the source digest's referrers carried to the targets, parity-checked
 */
public record PromotionResult(
        ImageReference source,
        Digest digest,
        String mediaType,
        List<TargetOutcome> targets,
        int blobsMounted,
        int blobsCopied,
        int blobsSkipped,
        long bytesCopied,
        int manifestsPushed,
        int requests,
        boolean dryRun,
        ReferrersCarried referrers) {

    public PromotionResult {
        targets = List.copyOf(targets);
        java.util.Objects.requireNonNull(referrers, "referrers");
    }

    /** A result that carried no referrers. */
    public PromotionResult(ImageReference source, Digest digest, String mediaType, List<TargetOutcome> targets,
                           int blobsMounted, int blobsCopied, int blobsSkipped, long bytesCopied, int manifestsPushed,
                           int requests, boolean dryRun) {
        this(source, digest, mediaType, targets, blobsMounted, blobsCopied, blobsSkipped, bytesCopied, manifestsPushed,
                requests, dryRun, dryRun ? ReferrersCarried.disabled() : ReferrersCarried.none());
    }

    /** True when at least one target tag moved (or would move, in a dry run). */
    public boolean changed() {
        return targets.stream().anyMatch(TargetOutcome::changed);
    }

    /** {@code registry/repository@digest} of the source: what was promoted, independent of tags. */
    public ImageReference pinnedSource() {
        return source.withDigest(digest);
    }
}
