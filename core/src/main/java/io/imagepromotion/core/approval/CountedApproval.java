package io.imagepromotion.core.approval;

import java.time.Instant;

/** STUB of the contract (gatecore owns the real one). */
public record CountedApproval(String userId, Instant at, int round) {
}
