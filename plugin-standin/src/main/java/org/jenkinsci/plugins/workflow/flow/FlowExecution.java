package org.jenkinsci.plugins.workflow.flow;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Compile-only stand-in for {@code jenkinsci/workflow-api-plugin@1373.v7b_813f10efa_b_:src/main/java/org/jenkinsci/plugins/workflow/flow/FlowExecution.java}. Only {@link #getNode(String)} (loads a node of
 * this build by the id {@code FlowNode.getId()} gave, also after a restart); omitted: every other member.
 */
public abstract class FlowExecution {
    private FlowExecution() {
    }

    @CheckForNull
    public abstract FlowNode getNode(String id) throws IOException;
}
