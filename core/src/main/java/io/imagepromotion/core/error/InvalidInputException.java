package io.imagepromotion.core.error;

/** Malformed or contradictory input (references, options, credentials files). Exit code 2. */
public class InvalidInputException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_INPUT;
    }
}
