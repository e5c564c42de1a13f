package io.imagepromotion.publish;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;

/** The engine has no image by the given local name or ID: it was not built or pulled on this engine. */
public class LocalImageNotFoundException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    private final String localImage;

    public LocalImageNotFoundException(String message, String localImage) {
        super(message);
        this.localImage = localImage;
    }

    public String localImage() {
        return localImage;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
