package org.jenkinsci.plugins.workflow.support.steps.input;

import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Compile-only stand-in for {@code jenkinsci/pipeline-input-step-plugin@527.vd61b_1d3c5078:src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/InputStep.java}.
 * Only the {@code @DataBoundConstructor}, {@link #setId}/{@link #getId}, {@link #setSubmitter}/{@link #getSubmitter},
 * {@link #setOk}/{@link #getOk}, {@link #getMessage()} and {@link #start(StepContext)} (which returns the real
 * {@code InputStepExecution}, whose constructor is package-private). The real class {@code extends AbstractStepImpl}
 * (itself a {@link Step}) and is {@code @ExportedBean}; omitted: parameters, cancel, submitterParameter, the descriptor.
 */
public class InputStep extends Step implements Serializable {
    public InputStep(String message) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setId(String id) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getSubmitter() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setSubmitter(String submitter) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getOk() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void setOk(String ok) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getMessage() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
