package io.jenkins.plugins.imagepromotion.gate;

import hudson.model.User;
import java.io.IOException;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.actions.ErrorAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputSubmittedAction;
import org.jenkinsci.plugins.workflow.support.steps.input.Rejection;

/**
 * Reads a round's decision from its node, where pipeline-input-step writes it from the authenticated request:
 * Proceed adds {@code InputSubmittedAction(approverId)}; Abort fails the step with
 * {@code FlowInterruptedException(ABORTED, new Rejection(User.current()))}, which Pipeline stores as the node's
 * {@code ErrorAction}. A timeout or a stop leaves another cause there, which is no decision.
 */
public final class FlowNodeDecisions implements RoundDecisions {
    private final FlowExecution execution;

    public FlowNodeDecisions(FlowExecution execution) {
        this.execution = execution;
    }

    @Override
    public RoundDecision of(GateRound round) throws IOException {
        FlowNode node = execution.getNode(round.getNodeId());
        if (node == null) {
            return null;
        }
        PauseAction pause = PauseAction.getCurrentPause(node);
        long at = pause != null && !pause.isPaused() ? pause.getEndTime() : System.currentTimeMillis();
        InputSubmittedAction submitted = node.getPersistentAction(InputSubmittedAction.class);
        if (submitted != null) {
            return new RoundDecision(round.getRound(), submitted.getApprover(), at, false);
        }
        ErrorAction error = node.getPersistentAction(ErrorAction.class);
        if (error != null && error.getError() instanceof FlowInterruptedException interrupted) {
            for (CauseOfInterruption cause : interrupted.getCauses()) {
                if (cause instanceof Rejection rejection) {
                    User user = rejection.getUser();
                    return new RoundDecision(round.getRound(), user == null ? null : user.getId(), at, true);
                }
            }
        }
        return null;
    }
}
