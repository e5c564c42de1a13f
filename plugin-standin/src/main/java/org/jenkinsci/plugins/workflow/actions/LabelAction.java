package org.jenkinsci.plugins.workflow.actions;

/**
 * Compile-only stand-in for {@code jenkinsci/workflow-api-plugin@1373.v7b_813f10efa_b_:src/main/java/org/jenkinsci/plugins/workflow/actions/LabelAction.java}: the node's display name in Pipeline Graph View,
 * Blue Ocean and Stage View. The constructor and the three Action methods.
 */
public class LabelAction implements PersistentAction {
    public LabelAction(String displayName) {
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
