package io.jenkins.plugins.imagepromotion.form;

/** The outcome of checking one form field, before it becomes a Jenkins {@code FormValidation}. */
public record FieldVerdict(Level level, String message) {
    public enum Level {
        OK,
        WARNING,
        ERROR
    }

    public static final FieldVerdict OK = new FieldVerdict(Level.OK, null);

    public static FieldVerdict warning(String message) {
        return new FieldVerdict(Level.WARNING, message);
    }

    public static FieldVerdict error(String message) {
        return new FieldVerdict(Level.ERROR, message);
    }
}
