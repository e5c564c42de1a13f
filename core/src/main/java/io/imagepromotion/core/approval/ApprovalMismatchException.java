package io.imagepromotion.core.approval;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;

/** STUB of the contract (gatecore owns the real one). */
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
