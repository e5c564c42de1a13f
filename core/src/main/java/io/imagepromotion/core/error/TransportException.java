package io.imagepromotion.core.error;

/** The registry could not be reached or spoke no usable HTTP: connection refused, TLS failure, timeout, redirect loop. */
public class TransportException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransportException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
