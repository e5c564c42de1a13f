package io.imagepromotion.core.error;

import java.util.List;

/**
 * A registry answered with an error status. Carries the HTTP status, the registry's error codes and the reference
 * involved. The request line is redacted: only method, host and path, never a query string or header.
 */
public class RegistryException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<RegistryErrorCode> errors;
    private final String reference;
    private final String request;

    public RegistryException(String message, int status, List<RegistryErrorCode> errors, String reference, String request) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.reference = reference;
        this.request = request;
    }

    public int status() {
        return status;
    }

    public List<RegistryErrorCode> errors() {
        return errors;
    }

    public boolean hasCode(String code) {
        return errors.stream().anyMatch(e -> code.equals(e.code()));
    }

    /** The image reference the failing request was about, or {@code null} when it concerned the registry itself. */
    public String reference() {
        return reference;
    }

    /** Method and URL path of the failing request, for diagnostics. */
    public String request() {
        return request;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FAILURE;
    }
}
