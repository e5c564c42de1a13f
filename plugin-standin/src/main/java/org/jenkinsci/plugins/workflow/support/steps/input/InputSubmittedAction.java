package org.jenkinsci.plugins.workflow.support.steps.input;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;

/**
 * Compile-only stand-in for {@code jenkinsci/pipeline-input-step-plugin@527.vd61b_1d3c5078:src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/InputSubmittedAction.java}: written on the input step's node by
 * {@code InputStepExecution.proceed} with the id of the user Jenkins authenticated ({@code null} for anonymous).
 * Only the constructor and {@link #getApprover()}; omitted: {@code getParameters()} and the Action methods' bodies.
 */
public class InputSubmittedAction implements PersistentAction {
    public InputSubmittedAction(String approver, @CheckForNull Map<String, Object> parameters) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @CheckForNull
    public String getApprover() {
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
