package io.imagepromotion.core.approval;

/**
 * An approval that does not count, with the sentence that says why; it used up its round.
 */
public record RefusedApproval(String userId, int round, String reason) {
}
