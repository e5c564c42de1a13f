package io.jenkins.plugins.imagepromotion.gate;

/**
 * How one round's {@code input} was settled, as Jenkins wrote it on the round's node: approved (the user from
 * {@code InputSubmittedAction.getApprover()}) or rejected (the user of the {@code Rejection} the aborted step failed
 * with). {@code userId} is {@code null} when Jenkins saw no logged-in user.
 *
 * @param at when it was settled (the end of the node's {@code PauseAction}), epoch milliseconds
 */
public record RoundDecision(int round, String userId, long at, boolean rejected) {
}
