package io.imagepromotion.core.referrers;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.RawManifest;

import java.util.List;
import java.util.Objects;

/**
 * One manifest attached to a subject digest, as found in a repository, with what a copy needs: its exact bytes and
 * the manifests below it when it is an index.
 *
 * @param subject   the digest it is attached to
 * @param manifest  its bytes, exactly as the registry served them
 * @param children  when it is an index, the manifests below it, children before their parents; else empty
 * @param cosignTag the cosign tag that points at it ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}), or
 *                  {@code null} for an OCI 1.1 referrer (found through its {@code subject})
 * @param entry     for an OCI 1.1 referrer, the descriptor the referrers API or fallback index listed it with
 *                  (artifactType and annotations kept); {@code null} for a cosign tag
 */
public record Referrer(Digest subject, RawManifest manifest, List<RawManifest> children, String cosignTag, Descriptor entry) {
    public Referrer {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(manifest, "manifest");
        children = List.copyOf(children);
        if ((cosignTag == null) == (entry == null)) {
            throw new IllegalArgumentException("a referrer is found either by a cosign tag or by its subject");
        }
    }

    public Digest digest() {
        return manifest.digest();
    }

    public boolean isCosignTag() {
        return cosignTag != null;
    }

    /** What a parity check looks for at the target: this digest, under the same cosign tag when it has one. */
    public ReferrerKey key() {
        return new ReferrerKey(digest(), cosignTag);
    }

    /** How it is named in messages: the cosign tag, or {@code <digest> (subject <digest>)}. */
    public String describe() {
        return isCosignTag() ? cosignTag + " (" + digest() + ")" : digest() + " (subject " + subject + ")";
    }
}
