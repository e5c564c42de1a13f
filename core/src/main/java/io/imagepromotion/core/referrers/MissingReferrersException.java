package io.imagepromotion.core.referrers;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;

import java.util.List;

/**
 * The parity check after copying referrers failed: the target repository does not list (or tag) every referrer the
 * source has. Thrown before the target tag is written, so the tag is untouched.
 */
public final class MissingReferrersException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final List<String> missing;

    public MissingReferrersException(String target, List<ReferrerKey> missing, String cause) {
        super("the referrers of the image did not all arrive at " + target + ": missing " + missing
                + (cause == null ? "" : " (" + cause + ")")
                + "; the target tag was not moved. Run again, or pass --no-referrers to promote the image without them");
        this.target = target;
        this.missing = missing.stream().map(ReferrerKey::toString).toList();
    }

    /** The target reference whose tag was not moved. */
    public String target() {
        return target;
    }

    /** The missing referrers: a digest, or {@code <cosign tag>@<digest>}. */
    public List<String> missing() {
        return missing;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
