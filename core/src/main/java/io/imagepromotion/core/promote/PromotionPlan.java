package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

import java.util.List;

/**
 * What a promotion will do, per target, decided after the source is resolved and every target's current digest is
 * known. In a dry run the blob counts come from HEAD requests on the targets and are exact; in a real run, blobs that
 * a target already has are discovered while copying, so {@code blobsToTransfer} is an upper bound.
 */
public record PromotionPlan(ImageReference source, Digest digest, String mediaType, int manifestCount,
                            List<TargetPlan> targets) {
    public PromotionPlan {
        targets = List.copyOf(targets);
    }

    /** How a target gets the content. */
    public enum Strategy {
        /** The target tag already resolves to the digest: nothing is written. */
        ALREADY_AT_DIGEST,
        /** Same repository: only the tag is written. */
        RETAG,
        /** Same registry, other repository: blobs are mounted from the source repository. */
        MOUNT,
        /** Other registry: blobs the target lacks are streamed from the source. */
        COPY
    }

    /**
     * @param currentDigest    what the target tag points at now, {@code null} when absent
     * @param blobsToTransfer  blobs to mount or stream (upper bound in a real run)
     * @param blobsPresent     blobs known to be in the target repository already (dry runs only)
     * @param bytesToTransfer  bytes of the blobs to stream (zero for mounts)
     */
    public record TargetPlan(ImageReference target, Digest currentDigest, Strategy strategy, int blobsToTransfer,
                             int blobsPresent, long bytesToTransfer) {
    }
}
