package io.imagepromotion.core.error;

import java.util.List;

/** The registry or its token service refused the credentials, or none were given where they are needed (401). */
public class AuthenticationException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message, int status, List<RegistryErrorCode> errors, String reference, String request) {
        super(message, status, errors, reference, request);
    }
}
