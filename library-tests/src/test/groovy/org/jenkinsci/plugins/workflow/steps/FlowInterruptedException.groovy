package org.jenkinsci.plugins.workflow.steps

import jenkins.model.CauseOfInterruption

/**
 * Test stand-in with the name and shape of workflow-step-api's {@code FlowInterruptedException}: what
 * {@code input} throws on Abort and {@code timeout} causes when time runs out.
 */
class FlowInterruptedException extends InterruptedException {
    private static final long serialVersionUID = 1L

    private final String result
    private final List<CauseOfInterruption> causes

    FlowInterruptedException(String result, CauseOfInterruption... causes) {
        this.result = result
        this.causes = Arrays.asList(causes)
    }

    String getResult() {
        return result
    }

    List<CauseOfInterruption> getCauses() {
        return causes
    }

    @Override
    String getMessage() {
        return causes.collect { it.shortDescription }.join(', ')
    }
}
