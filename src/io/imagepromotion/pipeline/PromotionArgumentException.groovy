package io.imagepromotion.pipeline

/**
 * A library step was called with arguments it cannot use, or a plugin step answered outside its contract.
 *
 * The orchestrators catch it and turn its message into the pipeline's {@code error} step, so the build log shows
 * one clear line instead of a stack trace.
 */
class PromotionArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L

    PromotionArgumentException(String message) {
        super(message)
    }
}
