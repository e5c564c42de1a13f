package org.jenkinsci.plugins.workflow.support.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/workflow-support-plugin@968.v8f17397e87b_8:src/main/java/org/jenkinsci/plugins/workflow/support/actions/PauseAction.java}:
 * {@code InputStepExecution.start} adds {@code new PauseAction("Input")} to its node and {@code postSettlement} ends
 * it ({@code endCurrentPause} sets the end time). Only {@link #getCurrentPause(FlowNode)}, {@link #getEndTime()} and
 * {@link #isPaused()}; omitted: {@code extends InvisibleAction}, the setters and the other statics.
 */
public class PauseAction implements PersistentAction {
    private PauseAction() {
    }

    @CheckForNull
    public static PauseAction getCurrentPause(@NonNull FlowNode node) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public long getEndTime() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean isPaused() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
