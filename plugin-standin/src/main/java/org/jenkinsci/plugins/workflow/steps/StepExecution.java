package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code jenkinsci/workflow-step-api-plugin@704.ve4f0967e98fa_:src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java}.
 * Only the context constructor, {@link #getContext()} and {@link #start()}.
 */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(@NonNull StepContext context) {
    }

    @NonNull
    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract boolean start() throws Exception;
}
