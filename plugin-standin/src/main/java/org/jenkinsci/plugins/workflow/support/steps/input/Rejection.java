package org.jenkinsci.plugins.workflow.support.steps.input;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.User;
import jenkins.model.CauseOfInterruption;

/**
 * Compile-only stand-in for {@code jenkinsci/pipeline-input-step-plugin@527.vd61b_1d3c5078:src/main/java/org/jenkinsci/plugins/workflow/support/steps/input/Rejection.java}: the cause {@code InputStepExecution.doAbort()} fails the
 * step with ({@code new FlowInterruptedException(Result.ABORTED, new Rejection(User.current()))}). Only the
 * constructor, {@link #getUser()} and {@link #getShortDescription()}; omitted: {@code getTimestamp()}.
 */
public final class Rejection extends CauseOfInterruption {
    private static final long serialVersionUID = 1;

    public Rejection(@CheckForNull User u) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @CheckForNull
    public User getUser() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getShortDescription() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
