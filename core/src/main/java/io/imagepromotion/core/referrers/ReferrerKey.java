package io.imagepromotion.core.referrers;

import io.imagepromotion.core.digest.Digest;

import java.util.Objects;

/**
 * A referrer as a parity check compares it: a digest listed as an OCI 1.1 referrer ({@code cosignTag} null), or a
 * cosign tag that must hold exactly that digest.
 */
public record ReferrerKey(Digest digest, String cosignTag) {
    public ReferrerKey {
        Objects.requireNonNull(digest, "digest");
    }

    @Override
    public String toString() {
        return cosignTag == null ? digest.toString() : cosignTag + "@" + digest;
    }
}
