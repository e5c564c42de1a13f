package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stand-in for {@code jenkinsci/workflow-step-api-plugin@704.ve4f0967e98fa_:src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java}.
 * Members: the context constructor, {@link #getContext()}, {@link #start()}, {@link #stop(Throwable)},
 * {@link #onResume()}, {@link #getStatus()} and {@link #blocksRestart()}, with the real bodies (the context is kept;
 * {@code stop} fails the step at once; the rest are no-ops or defaults). Omitted: the deprecated injection
 * constructor, {@code getStatusBounded} and the static {@code applyAll/acceptAll}.
 */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    private StepContext context;

    protected StepExecution(@NonNull StepContext context) {
        this.context = context;
    }

    @NonNull
    public StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException("you must either pass in a StepContext to the StepExecution constructor,"
                    + " or have the StepExecution be created automatically");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
    }

    @CheckForNull
    public String getStatus() {
        return null;
    }

    public boolean blocksRestart() {
        return false;
    }
}
