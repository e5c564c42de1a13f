package io.imagepromotion.core.error;

/** What kind of failure an exception is, which decides the CLI exit code and whether Jenkins shows a stack trace. */
public enum ErrorKind {
    /** The registry, the network or the content failed: exit 1. */
    FAILURE(1),
    /** The user's input is malformed or contradictory: exit 2. */
    INVALID_INPUT(2),
    /** A compare-and-set precondition (expect-current, expect-absent) did not hold: exit 3. */
    PRECONDITION_FAILED(3);

    private final int exitCode;

    ErrorKind(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
