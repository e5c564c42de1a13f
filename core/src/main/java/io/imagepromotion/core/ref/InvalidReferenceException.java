package io.imagepromotion.core.ref;

import io.imagepromotion.core.error.InvalidInputException;

/** A reference that does not follow the Docker reference grammar; the message says what is wrong and where. */
public class InvalidReferenceException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String input;

    public InvalidReferenceException(String input, String problem) {
        super("invalid image reference '" + input + "': " + problem);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
