package io.imagepromotion.testkit;

/** After a push the registry serves a manifest whose digest differs from the generated image's digest. */
public final class DigestMismatchException extends TestkitException {
    private final String expected;
    private final String actual;

    public DigestMismatchException(String reference, String expected, String actual) {
        super(reference + " has digest " + actual + " on the registry, expected " + expected
                + " (the manifest bytes were changed on the way)");
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
