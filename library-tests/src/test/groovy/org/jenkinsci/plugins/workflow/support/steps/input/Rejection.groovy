package org.jenkinsci.plugins.workflow.support.steps.input

import hudson.model.User
import jenkins.model.CauseOfInterruption

/** Test stand-in for pipeline-input-step's {@code Rejection}: the cause of an input's Abort. */
final class Rejection extends CauseOfInterruption {
    private static final long serialVersionUID = 1L

    private final String userName

    Rejection(User user) {
        this.userName = user == null ? null : user.getId()
    }

    User getUser() {
        return userName == null ? null : new User(userName)
    }

    @Override
    String getShortDescription() {
        return userName == null ? 'Rejected' : "Rejected by ${userName}".toString()
    }
}
