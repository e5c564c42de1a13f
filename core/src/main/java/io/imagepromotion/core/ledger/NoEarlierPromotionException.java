package io.imagepromotion.core.ledger;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;

/** A rollback found nothing to go back to: no earlier promotion of the tag, or its manifest is gone. Exit code 3. */
public class NoEarlierPromotionException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    private final String tag;

    public NoEarlierPromotionException(String tag, String message) {
        super(message);
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.PRECONDITION_FAILED;
    }
}
