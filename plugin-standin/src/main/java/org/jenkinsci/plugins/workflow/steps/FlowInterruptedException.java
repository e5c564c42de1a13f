package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;
import java.util.List;
import jenkins.model.CauseOfInterruption;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/workflow-step-api-plugin@704.ve4f0967e98fa_:src/main/java/org/jenkinsci/plugins/workflow/steps/FlowInterruptedException.java}.
 * Only the {@code (Result, CauseOfInterruption...)} constructor, {@link #getResult()} and {@link #getCauses()};
 * omitted: the {@code actualInterruption} constructor and accessors, {@code handle(Run, TaskListener)}.
 */
public final class FlowInterruptedException extends InterruptedException {
    private static final long serialVersionUID = 630482382622970136L;

    public FlowInterruptedException(@NonNull Result result, @NonNull CauseOfInterruption... causes) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public Result getResult() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public List<CauseOfInterruption> getCauses() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
