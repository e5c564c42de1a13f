package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * An image reference as a Jenkinsfile writes it: either pinned ({@code host/repo@sha256:<64 hex>}, optionally with a
 * tag before the digest) or a tag ({@code host/repo:tag}).
 *
 * This is deliberately shallow: the plugin parses references strictly. The library only needs to know whether a
 * reference is pinned, what its digest is, and to refuse shapes that cannot be right (whitespace, malformed digests,
 * a digest where a tag is required).
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class ImageReference implements Serializable {
    private static final long serialVersionUID = 1L

    /** The only digest form the promotion steps use. */
    static final String DIGEST_PATTERN = 'sha256:[0-9a-f]{64}'

    /** The reference as given, trimmed. */
    final String reference
    /** {@code sha256:…} when the reference is pinned, otherwise null. */
    final String digest

    private ImageReference(String reference, String digest) {
        this.reference = reference
        this.digest = digest
    }

    /**
     * @param what how error messages name the value, e.g. {@code "promoteTo: 'image'"}
     */
    @NonCPS
    static ImageReference parse(String text, String what) {
        if (text == null || text.trim().isEmpty()) {
            throw new PromotionArgumentException("${what} is empty.")
        }
        String reference = text.trim()
        if (reference.matches('.*\\s.*')) {
            throw new PromotionArgumentException("${what} '${reference}' contains whitespace.")
        }
        int at = reference.lastIndexOf('@')
        if (at < 0) {
            return new ImageReference(reference, null)
        }
        String digest = reference.substring(at + 1)
        if (at == 0 || !digest.matches(DIGEST_PATTERN)) {
            throw new PromotionArgumentException(
                    "${what} '${reference}' is not a valid pinned reference: expected host/repo@sha256: followed by 64 lowercase hex digits.")
        }
        return new ImageReference(reference, digest)
    }

    /** Parses a reference that must name a tag, such as a promotion target. */
    @NonCPS
    static ImageReference parseTag(String text, String what) {
        ImageReference parsed = parse(text, what)
        if (parsed.isPinned()) {
            throw new PromotionArgumentException(
                    "${what} '${parsed.reference}' must be a tag reference such as registry.example.com/app:production, not a digest.")
        }
        return parsed
    }

    /** Parses a reference that must be pinned, such as the answer of {@code resolveImageDigest}. */
    @NonCPS
    static ImageReference parsePinned(String text, String what) {
        ImageReference parsed = parse(text, what)
        if (!parsed.isPinned()) {
            throw new PromotionArgumentException(
                    "${what} '${parsed.reference}' is not pinned: expected host/repo@sha256: followed by 64 lowercase hex digits.")
        }
        return parsed
    }

    /**
     * Reads {@code resolveImageDigest}'s answer for {@code reference}: it must be a pinned reference.
     * @param label prefix for the error message, e.g. {@code promoteTo production}
     */
    @NonCPS
    static ImageReference pinnedAnswer(Object answer, String reference, String label) {
        String prefix = label ? label + ': ' : ''
        if (!(answer instanceof CharSequence)) {
            throw new PromotionArgumentException(
                    "${prefix}resolveImageDigest returned ${StepArguments.describe(answer)} for ${reference}; expected host/repo@sha256:<64 hex>.")
        }
        return parsePinned(answer.toString(), "${prefix}resolveImageDigest answer for ${reference}")
    }

    @NonCPS
    static boolean isDigest(Object value) {
        return value instanceof CharSequence && value.toString().matches(DIGEST_PATTERN)
    }

    @NonCPS
    boolean isPinned() {
        return digest != null
    }
}
