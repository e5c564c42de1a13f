package io.imagepromotion.core.board;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One target tag of one promotion as a CI server remembers it (a Jenkins build's promotion record), the input of
 * {@link RecordedBoard}. Untrusted like everything a record holds: the renderer escapes it.
 *
 * @param tag            the target tag
 * @param environment    the environment the pipeline named, {@code null} or empty when none (the tag names the lane)
 * @param digest         what the tag was set to
 * @param previousDigest what it held before, {@code null} when it did not exist
 * @param promotedAt     when the promotion finished
 * @param approvedBy     approvers as the pipeline stated them
 * @param ciRunUrl       the run that promoted, an absolute URL when known, else {@code null}
 * @param source         what was promoted, e.g. {@code registry/app@sha256:…}
 */
public record RecordedPromotion(ImageReference tag, String environment, Digest digest, Digest previousDigest,
                                Instant promotedAt, List<String> approvedBy, String ciRunUrl, String source) {
    public RecordedPromotion {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(promotedAt, "promotedAt");
        approvedBy = List.copyOf(approvedBy);
        if (tag.tag() == null || tag.digest() != null) {
            throw new IllegalArgumentException("a recorded promotion's target is a tag, not " + tag);
        }
    }
}
