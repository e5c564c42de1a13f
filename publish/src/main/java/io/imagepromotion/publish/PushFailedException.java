package io.imagepromotion.publish;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;

/**
 * The engine could not tag or push the image: the registry refused it (credentials, permissions), could not be
 * reached from the engine, or the push timed out. The message carries the engine's own error text, which names no
 * secret (the credentials travel only in the X-Registry-Auth header).
 */
public class PushFailedException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final String engineMessage;

    public PushFailedException(String message, String target, String engineMessage, Throwable cause) {
        super(message, cause);
        this.target = target;
        this.engineMessage = engineMessage;
    }

    /** The reference that was being pushed. */
    public String target() {
        return target;
    }

    /** The error text the engine reported, or null when the failure did not come from the engine's stream. */
    public String engineMessage() {
        return engineMessage;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
