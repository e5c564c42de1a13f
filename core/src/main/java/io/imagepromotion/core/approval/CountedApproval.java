package io.imagepromotion.core.approval;

import java.time.Instant;

/**
 * An approval that counts towards the gate, in the round it was given.
 */
public record CountedApproval(String userId, Instant at, int round) {
}
