package io.imagepromotion.pipeline

/**
 * {@code promoteTo}, in order: pin the image, check the previous environment, plan with a dry run, collect
 * approvals, promote exactly the approved plan, record the promotion.
 *
 * This class makes the step calls, through the calling script ({@code steps}); every decision and every message is
 * made by the value classes ({@link PromoteToRequest}, {@link PromotionPlan}, {@link ApprovalTally},
 * {@link PromotionRecords}), whose methods are all {@code @NonCPS}: they call no steps, so running them natively is
 * faster and leaves nothing half-done in the persisted program state. The methods here are CPS-transformed because
 * they call steps. The class is Serializable because it is on the CPS stack while {@code input} waits, possibly
 * across a controller restart. Methods called from inside closures are not private: CPS cannot call private
 * methods from closures.
 */
class EnvironmentPromotion implements Serializable {
    private static final long serialVersionUID = 1L

    /** The name under which {@code input} returns the approving user's ID. */
    static final String SUBMITTER_PARAMETER = 'approver'
    static final String USER_CAUSE = 'hudson.model.Cause$UserIdCause'

    private final Object steps

    EnvironmentPromotion(Object steps) {
        this.steps = steps
    }

    /** {@code promoteTo(args)}: argument and contract problems end the build through the {@code error} step. */
    Map promote(Object args) {
        try {
            return promoteRequest(PromoteToRequest.from(args, 'promoteTo'))
        } catch (PromotionArgumentException e) {
            steps.error(e.getMessage())
            return null
        }
    }

    /** Runs all six steps for a validated request; returns {@code promoteImage}'s result. */
    Map promoteRequest(PromoteToRequest request) {
        String label = "promoteTo ${request.environment}"
        String source = pin(request.image, request.credentialsId, label)
        String digest = ImageReference.parsePinned(source, "${label}: pinned image").digest
        String gate = checkGate(request, digest)
        PromotionPlan plan = planPromotion(request, source, digest, gate)
        steps.echo(plan.describe())
        if (plan.isAlreadyPromoted()) {
            steps.echo("${label}: ${plan.target} already points at ${digest}; nothing to approve or promote.")
            return plan.dryRunResult()
        }
        List<String> approvers = approve(request, plan)
        return promoteApproved(request, plan, approvers)
    }

    /** Step 1: a tag is resolved to {@code host/repo@sha256:…} once; a pinned reference is used as it is. */
    String pin(ImageReference image, String credentialsId, String label) {
        if (image.isPinned()) {
            return image.reference
        }
        Map args = [image: image.reference]
        if (credentialsId != null) {
            args.put('credentialsId', credentialsId)
        }
        String pinned = ImageReference.pinnedAnswer(steps.resolveImageDigest(args), image.reference, label).reference
        steps.echo("${label}: pinned ${image.reference} to ${pinned}.")
        return pinned
    }

    /**
     * Step 2: the digest must be in the previous environment: either this run recorded promoting it to
     * {@code requires}, or {@code requires} resolves to it now. Returns which check passed (null without
     * {@code requires}); refuses through {@code error} otherwise.
     */
    String checkGate(PromoteToRequest request, String digest) {
        String label = "promoteTo ${request.environment}"
        if (request.requires == null) {
            steps.echo("${label}: no previous environment to check (requires not set).")
            return null
        }
        // Checks in order of cost: this run's record, then the registry. (The promotion ledger, once it exists,
        // adds a third: "was promoted there" by any run.)
        PromotionRecord record = PromotionRecords.find(runRecords(), request.requires, digest)
        if (record != null) {
            String recorded = "this run promoted this digest to ${request.requires} (environment ${record.environment})"
            steps.echo("${label}: gate passed: ${recorded}.")
            return recorded
        }
        Map args = [image: request.requires]
        if (request.requiresCredentialsId != null) {
            args.put('credentialsId', request.requiresCredentialsId)
        }
        String current = null
        try {
            current = ImageReference.pinnedAnswer(steps.resolveImageDigest(args), request.requires, label).digest
        } catch (PromotionArgumentException e) {
            throw e
        } catch (Exception e) {
            if (FlowInterruption.of(e) != null) {
                throw e
            }
            steps.error("${label}: refused: ${request.requires} (the previous environment) could not be resolved " +
                    "(${e.getMessage()}), and this run recorded no promotion of ${digest} to it. " +
                    "Promote this digest to ${request.requires} first.")
        }
        if (current != digest) {
            steps.error("${label}: refused: ${digest} is not in the previous environment. " +
                    "${request.requires} resolves to ${current}, and this run recorded no promotion of ${digest} to it. " +
                    "Promote this digest to ${request.requires} first.")
        }
        String resolved = "${request.requires} resolves to this digest now"
        steps.echo("${label}: gate passed: ${resolved}.")
        return resolved
    }

    /** Step 3: a dry run shows what the promotion would change; nothing is written. */
    PromotionPlan planPromotion(PromoteToRequest request, String source, String digest, String gate) {
        Map args = [image: source, target: request.target, dryRun: true] + request.credentials()
        return PromotionPlan.fromDryRun(steps.promoteImage(args), request, source, digest, gate)
    }

    /** Step 4: asks until enough distinct users approved; returns them in order (empty without approval rules). */
    List<String> approve(PromoteToRequest request, PromotionPlan plan) {
        String label = "promoteTo ${request.environment}"
        ApprovalPolicy policy = request.approval
        if (policy == null) {
            steps.echo("${label}: no approval required.")
            return []
        }
        List<String> starters = []
        if (policy.forbidSelfApproval) {
            starters = ApprovalTally.userIds(steps.currentBuild.getBuildCauses(USER_CAUSE))
            if (starters.isEmpty()) {
                steps.echo("${label}: forbidSelfApproval: no user started this run, so nobody is excluded from approving.")
            }
        }
        ApprovalTally tally = new ApprovalTally(policy.approvals, starters)
        if (policy.timeoutMinutes != null) {
            steps.timeout(time: policy.timeoutMinutes.intValue(), unit: 'MINUTES') {
                collectApprovals(request, plan, tally)
            }
        } else {
            collectApprovals(request, plan, tally)
        }
        return tally.approvers()
    }

    /** One {@code input} per round until the tally is complete; an Abort or a timeout ends the promotion. */
    void collectApprovals(PromoteToRequest request, PromotionPlan plan, ApprovalTally tally) {
        String label = "promoteTo ${request.environment}"
        int round = 0
        while (!tally.isComplete()) {
            round++
            Map args = [message           : plan.approvalMessage(tally),
                        id                : "Promote-${request.environment}-${round}".toString(),
                        ok                : 'Approve',
                        submitterParameter: SUBMITTER_PARAMETER]
            if (request.approval.submitters != null) {
                args.put('submitter', request.approval.submitters)
            }
            Object answer = null
            try {
                answer = steps.input(args)
            } catch (Exception e) {
                reportInterruption(request, plan, tally, e)
                throw e
            }
            String user = ApprovalTally.approverId(answer, SUBMITTER_PARAMETER)
            if (user == null) {
                steps.error("${label}: the approval carried no user ID (input returned ${StepArguments.describe(answer)}), " +
                        'so distinct approvers cannot be counted. Enable Jenkins security so approvals name a user.')
            }
            steps.echo("${label}: ${tally.recordAndDescribe(user)}")
        }
    }

    /** Names who rejected (or that time ran out) before the interruption ends the build. */
    void reportInterruption(PromoteToRequest request, PromotionPlan plan, ApprovalTally tally, Exception failure) {
        FlowInterruption interruption = FlowInterruption.of(failure)
        if (interruption != null) {
            steps.echo("promoteTo ${request.environment}: " +
                    interruption.describeEnd(plan, tally, request.approval.timeoutMinutes))
        }
    }

    /**
     * Steps 5 and 6: promotes the planned digest only if the target is still what the plan showed, passing the
     * environment and the approvers for the plugin's record, then records the promotion for this run's gates.
     */
    Map promoteApproved(PromoteToRequest request, PromotionPlan plan, List<String> approvers) {
        String label = "promoteTo ${request.environment}"
        Map args = [image: plan.source, target: plan.target] + request.credentials() + plan.expectation()
        args.put('environment', request.environment)
        if (!approvers.isEmpty()) {
            // promoteImage's approvedBy is a String parameter: all approvers, comma-separated
            args.put('approvedBy', approvers.join(','))
        }
        if (request.milestone != null) {
            steps.milestone(ordinal: request.milestone.intValue(), label: "promote to ${request.environment}".toString())
        }
        steps.echo("${label}: promoting ${plan.digest} to ${plan.target}, which must still be " +
                "${plan.currentDescription()} as in the approved plan.")
        Object result = null
        try {
            result = steps.promoteImage(args)
        } catch (Exception e) {
            if (FlowInterruption.of(e) != null) {
                throw e
            }
            steps.error("${label}: promoteImage failed: ${e.getMessage()}\n" +
                    plan.explainFailure(currentTargetDigest(request, plan)))
        }
        PromotionRecord record = PromotionRecord.fromResult(request.environment, plan, result, approvers)
        steps.env[PromotionRecords.ENV_VARIABLE] = PromotionRecords.append(steps.env[PromotionRecords.ENV_VARIABLE], record)
        steps.echo("${label}: promoted ${plan.digest} to ${plan.target}${record.approvalNote()}.")
        return (Map) result
    }

    /** The target's digest now, or null when it cannot be resolved: used only to explain a failed promotion. */
    String currentTargetDigest(PromoteToRequest request, PromotionPlan plan) {
        Map args = [image: plan.target]
        if (request.targetReadCredentials() != null) {
            args.put('credentialsId', request.targetReadCredentials())
        }
        try {
            return ImageReference.pinnedAnswer(steps.resolveImageDigest(args), plan.target, '').digest
        } catch (Exception e) {
            if (FlowInterruption.of(e) != null) {
                throw e
            }
            return null
        }
    }

    /** The promotions this run recorded so far (the run's {@code env}, shared by all library calls). */
    List<PromotionRecord> runRecords() {
        return PromotionRecords.decode(steps.env[PromotionRecords.ENV_VARIABLE])
    }
}
