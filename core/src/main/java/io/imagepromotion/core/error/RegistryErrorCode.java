package io.imagepromotion.core.error;

/**
 * One entry of a registry's {@code {"errors":[{code,message,detail}]}} body, as defined by the OCI distribution spec
 * ("Error Codes"). {@code code} is kept as the registry's string so unknown codes survive.
 */
public record RegistryErrorCode(String code, String message) {
    public static final String BLOB_UNKNOWN = "BLOB_UNKNOWN";
    public static final String MANIFEST_UNKNOWN = "MANIFEST_UNKNOWN";
    public static final String NAME_UNKNOWN = "NAME_UNKNOWN";
    public static final String DENIED = "DENIED";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String DIGEST_INVALID = "DIGEST_INVALID";
    public static final String MANIFEST_INVALID = "MANIFEST_INVALID";
    public static final String MANIFEST_BLOB_UNKNOWN = "MANIFEST_BLOB_UNKNOWN";
    public static final String TOOMANYREQUESTS = "TOOMANYREQUESTS";

    @Override
    public String toString() {
        return message == null || message.isBlank() ? code : code + ": " + message;
    }
}
