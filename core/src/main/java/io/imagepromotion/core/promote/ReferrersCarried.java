package io.imagepromotion.core.promote;

import io.imagepromotion.core.referrers.ReferrerKey;

import java.util.List;

/**
 * What a promotion did with the source digest's referrers (signatures, attestations, SBOMs, records).
 *
 * @param enabled         false when the promotion was asked to leave them behind (or was a dry run)
 * @param found           the referrers found at the source, recursively; after a successful promotion every target
 *                        repository that received the image lists each of them (the parity check)
 * @param manifestsPushed referrer manifests written (cosign tags, referrers by digest, their index children)
 * @param blobsMounted    referrer blobs mounted from the source repository
 * @param blobsCopied     referrer blobs streamed to another registry
 * @param bytesCopied     bytes of those blobs
 * @param indexesMerged   referrers fallback indexes ({@code sha256-<hex>}) merged at targets
 */
public record ReferrersCarried(boolean enabled, List<ReferrerKey> found, int manifestsPushed, int blobsMounted,
                               int blobsCopied, long bytesCopied, int indexesMerged) {
    public ReferrersCarried {
        found = List.copyOf(found);
    }

    public static ReferrersCarried disabled() {
        return new ReferrersCarried(false, List.of(), 0, 0, 0, 0, 0);
    }

    public static ReferrersCarried none() {
        return new ReferrersCarried(true, List.of(), 0, 0, 0, 0, 0);
    }

    ReferrersCarried plus(ReferrersCarried more) {
        return new ReferrersCarried(enabled, found, manifestsPushed + more.manifestsPushed, blobsMounted + more.blobsMounted,
                blobsCopied + more.blobsCopied, bytesCopied + more.bytesCopied, indexesMerged + more.indexesMerged);
    }
}
