package io.imagepromotion.core.error;

import java.util.List;

/** The credentials were accepted but lack the permission the request needs (403, DENIED, insufficient scope). */
public class AccessDeniedException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message, int status, List<RegistryErrorCode> errors, String reference, String request) {
        super(message, status, errors, reference, request);
    }
}
