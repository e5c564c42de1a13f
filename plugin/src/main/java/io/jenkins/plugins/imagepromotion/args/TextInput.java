package io.jenkins.plugins.imagepromotion.args;

import io.imagepromotion.core.error.InvalidInputException;

/** Free-text step arguments that end up in the build record and on the build page: one short line each. */
public final class TextInput {
    public static final int MAX_LENGTH = 200;

    private TextInput() {
    }

    /** Trimmed value, {@code null} when blank; rejects control characters and overlong values. */
    public static String optionalLine(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException(field + " is " + text.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidInputException(field + " must be a single line without control characters");
            }
        }
        return text;
    }

    /** Trimmed value, {@code null} when blank. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
