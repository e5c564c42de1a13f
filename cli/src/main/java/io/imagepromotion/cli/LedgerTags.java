package io.imagepromotion.cli;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;

/** The tag argument of history, status and rollback: a tag, since the ledger keeps a history per tag. */
final class LedgerTags {
    private LedgerTags() {
    }

    static ImageReference tag(String text) {
        ImageReference ref = ImageReference.parse(text);
        if (ref.tag() == null || ref.digest() != null) {
            throw new InvalidInputException(text + " is not a tag reference: the ledger keeps a history per tag;"
                    + " give registry/repository:tag");
        }
        return ref;
    }
}
