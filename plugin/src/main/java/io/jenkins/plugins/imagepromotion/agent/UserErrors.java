package io.jenkins.plugins.imagepromotion.agent;

import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.error.PreconditionFailedException;

/**
 * The one-line message a step fails with for an engine error (bad reference, not found, conflict, denied, TLS). The
 * engine's own words never contain secrets, but what it quotes from a registry may; {@link RegistryCallable} masks
 * the line. One line, because Pipeline prints an {@code AbortException}'s message alone, without a stack trace.
 */
public final class UserErrors {
    private UserErrors() {
    }

    public static String oneLine(ImagePromotionException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        message = message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        if (e instanceof PreconditionFailedException && !message.startsWith("precondition failed")) {
            message = "precondition failed: " + message;
        }
        return message;
    }
}
