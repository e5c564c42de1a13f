package io.imagepromotion.core.referrers;

import io.imagepromotion.core.digest.Digest;

import java.util.List;

/**
 * cosign's tag scheme for what it attaches to an image (sigstore/cosign {@code specs/SIGNATURE_SPEC.md},
 * {@code ATTESTATION_SPEC.md}): the digest written as the referrers fallback tag ({@code sha256-<hex>}) plus a suffix.
 * cosign writes the same scheme for every entity it signs, index children and attestations included.
 */
public final class CosignTags {
    /** Signatures, attestations, SBOMs, in the order they are looked for. */
    public static final List<String> SUFFIXES = List.of(".sig", ".att", ".sbom");

    private CosignTags() {
    }

    public static List<String> of(Digest digest) {
        String base = FallbackTag.of(digest);
        return SUFFIXES.stream().map(s -> base + s).toList();
    }
}
