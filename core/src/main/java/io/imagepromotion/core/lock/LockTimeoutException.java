package io.imagepromotion.core.lock;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;

/** Another writer held a target's lock for longer than the caller would wait; nothing was written. Exit code 1. */
public class LockTimeoutException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public LockTimeoutException(String key, String holder) {
        super("target " + key + " is being written by " + holder + "; gave up waiting for it. Nothing was written: try again"
                + " when that promotion has finished");
        this.key = key;
    }

    /** The target whose lock was not had. */
    public String key() {
        return key;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
