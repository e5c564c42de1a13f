package io.jenkins.plugins.imagepromotion.args;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;

/**
 * Image references as pipeline authors type them. Stricter than the engine's parser in one way: a reference must
 * name its tag or digest; an implicit {@code :latest} is refused, because promoting "whatever latest is" is rarely
 * what a release pipeline means.
 */
public final class ReferenceInput {
    private ReferenceInput() {
    }

    /**
     * @param field the step argument, for the message ({@code image}, {@code target})
     * @throws InvalidInputException naming the argument and the problem
     */
    public static ImageReference parseExplicit(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field + " is missing: give a reference such as registry.example.com/myapp:1.0");
        }
        String text = value.strip();
        ImageReference reference;
        try {
            reference = ImageReference.parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field + ": " + e.getMessage(), e);
        }
        if (reference.digest() == null && !hasExplicitTag(text)) {
            throw new InvalidInputException(field + " '" + text + "' names no tag or digest; write it in full, e.g. "
                    + text + ":1.0 or " + text + "@sha256:<digest> (':latest' is not assumed)");
        }
        return reference;
    }

    static boolean hasExplicitTag(String text) {
        int colon = text.lastIndexOf(':');
        return colon > text.lastIndexOf('/');
    }
}
