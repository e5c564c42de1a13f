package io.imagepromotion.core.error;

/**
 * Root of every exception the core throws on purpose. Messages name the problem and what to do, and never contain
 * credentials: constructors receive redacted text only.
 */
public abstract class ImagePromotionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected ImagePromotionException(String message) {
        super(message);
    }

    protected ImagePromotionException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract ErrorKind kind();
}
