package io.imagepromotion.core.error;

/** The registry served something we refuse to copy: schema1, an unknown media type, a manifest over 4 MiB. */
public class UnsupportedContentException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    public UnsupportedContentException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
