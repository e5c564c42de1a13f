package io.imagepromotion.publish;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;

/** No Docker-compatible engine answered at the Docker host: nothing listens, the socket is missing, or it is not an engine. */
public class EngineUnavailableException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
