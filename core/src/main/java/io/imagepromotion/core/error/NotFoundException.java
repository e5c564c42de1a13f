package io.imagepromotion.core.error;

import java.util.List;

/** The manifest, blob or repository does not exist (404, MANIFEST_UNKNOWN, BLOB_UNKNOWN, NAME_UNKNOWN). */
public class NotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, int status, List<RegistryErrorCode> errors, String reference, String request) {
        super(message, status, errors, reference, request);
    }
}
