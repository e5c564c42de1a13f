package io.imagepromotion.core.error;

/**
 * Content did not match its digest or declared size: a corrupted blob, a manifest whose bytes do not hash to the
 * digest that was asked for, a target that does not resolve to the source digest after the write.
 */
public class ContentMismatchException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    public ContentMismatchException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
