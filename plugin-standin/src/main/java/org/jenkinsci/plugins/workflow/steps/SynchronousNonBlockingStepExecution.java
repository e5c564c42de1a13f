package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Compile-only stand-in for {@code jenkinsci/workflow-step-api-plugin@704.ve4f0967e98fa_:src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java}.
 * The real {@code start()} runs {@link #run()} on a background thread under the caller's authentication, and the
 * step fails after a controller restart ({@code onResume}).
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousNonBlockingStepExecution(@NonNull StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
