package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import java.util.Map;
import java.util.Set;

/**
 * Compile-only stand-in for {@code jenkinsci/workflow-step-api-plugin@704.ve4f0967e98fa_:src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java}.
 * Only the members a step overrides: {@link #getRequiredContext()}, {@link #getFunctionName()} and
 * {@link #argumentsToString(Map)} (real default: the value of a single trivial argument, else null).
 */
public abstract class StepDescriptor extends Descriptor<Step> {
    protected StepDescriptor() {
    }

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
