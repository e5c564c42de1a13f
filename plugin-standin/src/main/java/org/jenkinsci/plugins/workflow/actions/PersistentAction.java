package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** Compile-only stand-in for {@code jenkinsci/workflow-api-plugin@1373.v7b_813f10efa_b_:src/main/java/org/jenkinsci/plugins/workflow/actions/PersistentAction.java} (a marker interface). */
public interface PersistentAction extends Action {
}
