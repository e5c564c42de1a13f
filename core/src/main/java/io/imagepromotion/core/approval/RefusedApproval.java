package io.imagepromotion.core.approval;

/** STUB of the contract (gatecore owns the real one). */
public record RefusedApproval(String userId, int round, String reason) {
}
