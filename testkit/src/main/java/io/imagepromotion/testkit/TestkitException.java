package io.imagepromotion.testkit;

/** Base of every failure the testkit reports; unchecked so fixtures stay usable in lambdas and setup code. */
public class TestkitException extends RuntimeException {
    public TestkitException(String message) {
        super(message);
    }

    public TestkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
