package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Compile-only stand-in for {@code jenkinsci/workflow-api-plugin@1373.v7b_813f10efa_b_:src/main/java/org/jenkinsci/plugins/workflow/actions/ErrorAction.java}: attached to the node whose step failed, holding
 * the error (for an aborted {@code input}, the {@code FlowInterruptedException} carrying the {@code Rejection}).
 * Only the constructor, {@link #getError()} and the Action methods; omitted: {@code findOrigin}, {@code equals}.
 */
public class ErrorAction implements PersistentAction {
    public ErrorAction(@NonNull Throwable error) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public Throwable getError() {
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
