package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What to promote where, and under which preconditions. Immutable; {@link Builder#build()} rejects contradictions.
 *
 * @param expectCurrent the digest every target tag must hold now, or {@code null}
 * @param expectAbsent  every target tag must not exist now
 * @param dryRun        plan and report, write nothing
 * @param copyReferrers carry the source digest's referrers (OCI 1.1 referrers, cosign {@code .sig/.att/.sbom} tags)
 *                      to every target in another repository, before its tag moves; on by default
 * @param expectPerTarget what each named target tag must hold now (empty: absent), when the targets held different
 *                      digests when the promotion was approved; instead of {@code expectCurrent}/{@code expectAbsent}
 */
public record PromotionRequest(ImageReference source, List<ImageReference> targets, Digest expectCurrent,
                               boolean expectAbsent, boolean dryRun, boolean copyReferrers,
                               Map<ImageReference, Optional<Digest>> expectPerTarget) {
    public PromotionRequest {
        targets = List.copyOf(targets);
        expectPerTarget = Map.copyOf(expectPerTarget);
    }

    /** The digest {@code target} must hold now, or {@code null} when none is required (or it must be absent). */
    public Digest expectedCurrent(ImageReference target) {
        Optional<Digest> own = expectPerTarget.get(target);
        return own != null ? own.orElse(null) : expectCurrent;
    }

    /** True when {@code target} must not exist now. */
    public boolean expectedAbsent(ImageReference target) {
        Optional<Digest> own = expectPerTarget.get(target);
        return own != null ? own.isEmpty() : expectAbsent;
    }

    /** True when some target has a precondition to check again just before the write. */
    public boolean hasPreconditions() {
        return expectCurrent != null || expectAbsent || !expectPerTarget.isEmpty();
    }

    public static Builder builder(ImageReference source) {
        return new Builder(source);
    }

    public static final class Builder {
        private final ImageReference source;
        private final List<ImageReference> targets = new ArrayList<>();
        private Digest expectCurrent;
        private boolean expectAbsent;
        private boolean dryRun;
        private boolean copyReferrers = true;
        private final Map<ImageReference, Optional<Digest>> expectPerTarget = new LinkedHashMap<>();

        private Builder(ImageReference source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        public Builder target(ImageReference target) {
            targets.add(Objects.requireNonNull(target, "target"));
            return this;
        }

        public Builder targets(List<ImageReference> all) {
            all.forEach(this::target);
            return this;
        }

        public Builder expectCurrent(Digest digest) {
            this.expectCurrent = digest;
            return this;
        }

        /** {@code target} (one of the targets) must hold {@code digest} now, or be absent when it is {@code null}. */
        public Builder expectCurrent(ImageReference target, Digest digest) {
            expectPerTarget.put(Objects.requireNonNull(target, "target"), Optional.ofNullable(digest));
            return this;
        }

        public Builder expectAbsent(boolean absent) {
            this.expectAbsent = absent;
            return this;
        }

        public Builder dryRun(boolean dry) {
            this.dryRun = dry;
            return this;
        }

        /** {@code false} leaves the source's signatures, attestations and other referrers behind. */
        public Builder copyReferrers(boolean copy) {
            this.copyReferrers = copy;
            return this;
        }

        public PromotionRequest build() {
            if (targets.isEmpty()) {
                throw new InvalidInputException("no target given: name at least one target reference, e.g. registry/app:staging");
            }
            if (expectCurrent != null && expectAbsent) {
                throw new InvalidInputException("expect-current and expect-absent contradict each other: give one of them");
            }
            if (!expectPerTarget.isEmpty() && (expectCurrent != null || expectAbsent)) {
                throw new InvalidInputException("per-target expectations replace expect-current and expect-absent: give one kind");
            }
            for (ImageReference t : expectPerTarget.keySet()) {
                if (!targets.contains(t)) {
                    throw new InvalidInputException("an expectation names " + t + ", which is not a target");
                }
            }
            Set<String> seen = new LinkedHashSet<>();
            for (ImageReference t : targets) {
                if (!seen.add(t.toString())) {
                    throw new InvalidInputException("target " + t + " is given twice");
                }
                if (t.tag() == null && t.digest() != null && source.digest() != null && !t.digest().equals(source.digest())) {
                    throw new InvalidInputException("target " + t + " names a digest other than the source's " + source.digest()
                            + "; a promotion keeps the digest, so a digest target must name the same one");
                }
                if (t.tag() != null && t.digest() != null) {
                    throw new InvalidInputException("target " + t + " has both a tag and a digest; name the tag to move, e.g. "
                            + t.withTag(t.tag()));
                }
            }
            return new PromotionRequest(source, targets, expectCurrent, expectAbsent, dryRun, copyReferrers, expectPerTarget);
        }
    }
}
