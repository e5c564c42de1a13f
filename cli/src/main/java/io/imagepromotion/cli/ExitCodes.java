package io.imagepromotion.cli;

/**
 * The exit codes the ledger commands add to those of {@link io.imagepromotion.core.error.ErrorKind} (0 success,
 * 1 failure, 2 invalid input, 3 precondition failed). README.md's table lists them all.
 */
final class ExitCodes {
    /** {@code status}: a tag holds another digest than its last record put there. */
    static final int DRIFT = 4;
    /** {@code copy --environment}, {@code rollback}: the tag moved, but its record could not be written. */
    static final int NOT_RECORDED = 5;
    /** {@code history --verify-key}: a record's signature does not verify with the key. */
    static final int BAD_SIGNATURE = 6;

    private ExitCodes() {
    }
}
