package hudson

/**
 * Test stand-in with the name and shape of Jenkins' {@code hudson.AbortException}, which the {@code error} step
 * and failing plugin steps throw. Only the shape the library relies on is reproduced.
 */
class AbortException extends IOException {
    private static final long serialVersionUID = 1L

    AbortException(String message) {
        super(message)
    }
}
