package org.jenkinsci.plugins.workflow.graph;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Action;
import hudson.model.Actionable;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

/**
 * Compile-only stand-in for {@code jenkinsci/workflow-api-plugin@1373.v7b_813f10efa_b_:src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java}. Only {@link #getId()}, {@link #getExecution()},
 * {@link #getPersistentAction(Class)} and the inherited {@code addAction}/{@code getAction}; omitted:
 * {@code implements Saveable}, the constructors and every other member.
 */
public abstract class FlowNode extends Actionable {
    private FlowNode() {
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public FlowExecution getExecution() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @CheckForNull
    public final <T extends Action> T getPersistentAction(@NonNull Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
