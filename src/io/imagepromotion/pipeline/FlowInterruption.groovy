package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Why a step was interrupted: read from Jenkins' {@code FlowInterruptedException}, which {@code input} throws when
 * someone clicks Abort (cause {@code Rejection}, carrying the user) and {@code timeout} causes when time runs out
 * (cause {@code TimeoutStepExecution.ExceededTimeout}).
 *
 * The classes are matched by name rather than imported so the library compiles without the Pipeline plugins on
 * its class path; this requires a trusted (global) library, as getClass() is not allowed in the sandbox.
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class FlowInterruption implements Serializable {
    private static final long serialVersionUID = 1L

    static final String FLOW_INTERRUPTED = 'org.jenkinsci.plugins.workflow.steps.FlowInterruptedException'
    static final String REJECTION = 'org.jenkinsci.plugins.workflow.support.steps.input.Rejection'
    static final String EXCEEDED_TIMEOUT = 'org.jenkinsci.plugins.workflow.steps.TimeoutStepExecution$ExceededTimeout'

    /** True when an input was rejected (Abort). */
    final boolean rejected
    /** The rejecting user's ID; null when Jenkins did not know the user. */
    final String rejectedBy
    final boolean timedOut
    /** The causes' own short descriptions, joined. */
    final String description

    private FlowInterruption(boolean rejected, String rejectedBy, boolean timedOut, String description) {
        this.rejected = rejected
        this.rejectedBy = rejectedBy
        this.timedOut = timedOut
        this.description = description
    }

    /** The interruption described by {@code failure}, or null when {@code failure} is not an interruption. */
    @NonCPS
    static FlowInterruption of(Throwable failure) {
        if (failure == null || failure.getClass().getName() != FLOW_INTERRUPTED) {
            return null
        }
        boolean rejected = false
        String rejectedBy = null
        boolean timedOut = false
        List<String> descriptions = []
        List causes = failure.getCauses()
        for (int i = 0; i < causes.size(); i++) {
            Object cause = causes.get(i)
            String type = cause.getClass().getName()
            if (type == REJECTION) {
                rejected = true
                Object user = cause.getUser()
                if (user != null) {
                    rejectedBy = String.valueOf(user.getId())
                }
            } else if (type == EXCEEDED_TIMEOUT) {
                timedOut = true
            }
            descriptions.add(String.valueOf(cause.getShortDescription()))
        }
        return new FlowInterruption(rejected, rejectedBy, timedOut, descriptions.join('; '))
    }

    /**
     * Why the promotion ends, for the build log: who rejected it, or that time ran out.
     *
     * @param gate {@code promotionGate}'s answer after the interruption (the Java tally), or null when it could not
     *             be read; the rejecting user is taken from it first, as the plugin read it from the round's node
     */
    @NonCPS
    String describeEnd(String digest, String target, Map gate, Integer timeoutMinutes) {
        String notPromoted = "${digest} was not promoted to ${target}."
        if (rejected || (gate != null && gate.rejected == true)) {
            Object who = gate != null && gate.rejectedBy != null ? gate.rejectedBy : rejectedBy
            return "rejected by ${who != null ? who : 'an unknown user'}; ${notPromoted}"
        }
        String tally = gate == null ? '' : " (${((List) gate.approvers).size()} of ${gate.approvals} approvals)"
        if (timedOut) {
            return "no decision within ${timeoutMinutes} minute(s)${tally}; ${notPromoted}"
        }
        return "interrupted (${description})${tally}; ${notPromoted}"
    }
}
