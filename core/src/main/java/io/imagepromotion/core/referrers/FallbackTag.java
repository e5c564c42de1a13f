package io.imagepromotion.core.referrers;

import io.imagepromotion.core.digest.Digest;

/**
 * The referrers tag schema (distribution-spec 1.1 "Unavailable Referrers API"): the algorithm truncated to 32
 * characters, {@code -}, the encoded digest truncated to 64; characters a tag may not hold become {@code -}. For
 * sha256 that is {@code sha256-<64 hex>}, the same name cosign gives its {@code .sig/.att/.sbom} tags before the suffix.
 */
public final class FallbackTag {
    private FallbackTag() {
    }

    public static String of(Digest digest) {
        String alg = truncate(digest.algorithm(), 32);
        String hex = truncate(digest.hex(), 64);
        return (alg + "-" + hex).replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
