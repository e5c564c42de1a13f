package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/**
 * Compile-only stand-in for {@code jenkinsci/workflow-step-api-plugin@704.ve4f0967e98fa_:src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java}.
 */
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
