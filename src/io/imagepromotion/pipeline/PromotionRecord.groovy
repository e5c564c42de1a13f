package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * One promotion this run completed: which digest went to which target, for which environment, approved by whom.
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class PromotionRecord implements Serializable {
    private static final long serialVersionUID = 1L

    final String environment
    /** The target as the Jenkinsfile wrote it. */
    final String target
    /** The target as the plugin reported it (it may normalise the reference); equal to target when not reported. */
    final String reference
    final String digest
    final List<String> approvedBy

    PromotionRecord(String environment, String target, String reference, String digest, List<String> approvedBy) {
        this.environment = environment
        this.target = target
        this.reference = reference == null ? target : reference
        this.digest = digest
        this.approvedBy = Collections.unmodifiableList(new ArrayList<String>(approvedBy))
    }

    /**
     * The record of a completed promotion, from promoteImage's result. Refuses a result for another digest: the
     * library must never record (and later gate on) something other than what was approved.
     */
    @NonCPS
    static PromotionRecord fromResult(String environment, PromotionPlan plan, Object result, List<String> approvers) {
        if (!(result instanceof Map) || ((Map) result).get('digest') != plan.digest) {
            throw new PromotionArgumentException(
                    "promoteTo ${environment}: promoteImage returned ${StepArguments.describe(result)} without digest ${plan.digest}.")
        }
        return new PromotionRecord(environment, plan.target, reportedReference((Map) result), plan.digest, approvers)
    }

    /** {@code " (approved by a, b)"}, or empty without approvers. */
    @NonCPS
    String approvalNote() {
        return approvedBy.isEmpty() ? '' : " (approved by ${approvedBy.join(', ')})"
    }

    /** The target reference promoteImage reported (its first target), or null when it reported none. */
    @NonCPS
    static String reportedReference(Map result) {
        Object targets = result.get('targets')
        if (targets instanceof List && !((List) targets).isEmpty() && ((List) targets).get(0) instanceof Map) {
            Object reference = ((Map) ((List) targets).get(0)).get('reference')
            return reference == null ? null : reference.toString()
        }
        return null
    }

    /** True when this record put {@code digest} on the target named {@code reference}. */
    @NonCPS
    boolean promoted(String reference, String digest) {
        return this.digest == digest && (target == reference || this.reference == reference)
    }

    /** A plain Map for Jenkinsfiles (no library types leak into user code). */
    @NonCPS
    Map asMap() {
        return [environment: environment, target: target, reference: reference, digest: digest,
                approvedBy: new ArrayList<String>(approvedBy)]
    }
}
