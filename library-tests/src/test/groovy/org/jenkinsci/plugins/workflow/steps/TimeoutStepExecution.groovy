package org.jenkinsci.plugins.workflow.steps

import jenkins.model.CauseOfInterruption

/** Test stand-in: only the nested cause class of workflow-basic-steps' {@code TimeoutStepExecution}. */
class TimeoutStepExecution {
    static final class ExceededTimeout extends CauseOfInterruption {
        private static final long serialVersionUID = 1L

        @Override
        String getShortDescription() {
            return 'Timeout has been exceeded'
        }
    }
}
