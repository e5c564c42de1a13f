package io.imagepromotion.core.approval;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;

/**
 * A promotion that does not match its approval gate: another digest, a target the gate did not approve, too few
 * approvals, or a rejected gate. Nothing was written when it is thrown.
 */
public class ApprovalMismatchException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    public enum Kind { DIGEST_DIFFERS, TARGET_NOT_APPROVED, TOO_FEW_APPROVALS, REJECTED }

    private final Kind kind;

    public ApprovalMismatchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind mismatch() {
        return kind;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.PRECONDITION_FAILED;
    }
}
