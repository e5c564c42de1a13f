package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * {@code promoteTo}, in order: plan, check the previous environment, collect approvals, promote exactly the
 * approved plan.
 *
 * Orchestration only. The plan, the approval rounds, the tally and the check that the promotion matches what was
 * approved are the plugin's Java steps ({@code planPromotion}, {@code approvePromotion}, {@code promotionGate},
 * {@code promoteImage(approval:)}), which read Jenkins' own evidence of who approved; nothing this class passes on
 * can make an approval count. What stays here: the order of the steps, the gate on the previous environment, the
 * timeout around the wait, the milestone, and the log lines.
 *
 * The methods are CPS-transformed because they call steps. The class is Serializable because it is on the CPS stack
 * while an approval waits, possibly across a controller restart. Methods called from inside closures are not
 * private: CPS cannot call private methods from closures.
 */
class EnvironmentPromotion implements Serializable {
    private static final long serialVersionUID = 1L

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

    /** Runs the promotion for a checked request; returns {@code promoteImage}'s result. */
    Map promoteRequest(PromoteToRequest request) {
        return request.approvalRequired ? promoteWithApproval(request) : promoteWithoutApproval(request)
    }

    /**
     * With {@code approval}: {@code planPromotion} pins the image, reads each target's digest (HEAD requests only)
     * and records the gate in the build; the rounds run until the Java tally is complete; {@code promoteImage}
     * then checks the gate itself and writes only if every target still holds the digest it held when planned.
     */
    Map promoteWithApproval(PromoteToRequest request) {
        String label = "promoteTo ${request.environment}"
        Map plan = (Map) steps.planPromotion(request.planArguments())
        String digest = plan.digest
        if (plan.image != request.image) {
            steps.echo("${label}: pinned ${request.image} to ${plan.image}.")
        }
        checkPrevious(request, digest)
        if (plan.alreadyPromoted == true) {
            return alreadyPromoted(request, (String) plan.image)
        }
        steps.echo("${label}: gate ${plan.id}: ${plan.message}")
        collectApprovals(request, plan)
        passMilestone(request)
        steps.echo("${label}: promoting ${digest} to ${request.target} with the approval of gate ${plan.id}; " +
                'the plugin refuses if the target moved since the plan.')
        Map args = [image: plan.image, target: request.target, approval: plan.id, environment: request.environment]
        args.putAll(request.credentials())
        Map result = promoteImageOrFail(request, args)
        steps.echo("${label}: promoted ${digest} to ${request.target}${approvalNote(result)}.")
        return result
    }

    /**
     * Without {@code approval}: pin, check the previous environment, show the plan with a dry run, then write with
     * compare-and-set against the digest the dry run saw.
     */
    Map promoteWithoutApproval(PromoteToRequest request) {
        String label = "promoteTo ${request.environment}"
        String pinned = pin(request.image, request.credentialsId, label)
        String digest = digestOf(pinned)
        checkPrevious(request, digest)
        Map dryArgs = [image: pinned, target: request.target, dryRun: true]
        dryArgs.putAll(request.credentials())
        Map plan = (Map) steps.promoteImage(dryArgs)
        if (plan == null || plan.dryRun != true) {
            steps.error("${label}: promoteImage dry run did not report dryRun: true; refusing to continue.")
        }
        Map planned = (Map) ((List) plan.targets).get(0)
        String current = planned.previousDigest
        if (current == digest) {
            steps.echo("${label}: ${request.target} already points at ${digest}; nothing to promote.")
            return plan
        }
        steps.echo("${label}: no approval required; promoting ${digest} to ${request.target}, which must still be " +
                "${current != null ? current : 'absent'} as the dry run showed (${plan.bytesCopied} bytes to copy).")
        passMilestone(request)
        Map args = [image: pinned, target: request.target]
        args.putAll(request.credentials())
        if (current != null) {
            args.put('expectCurrent', current)
        } else {
            args.put('expectAbsent', true)
        }
        args.put('environment', request.environment)
        Map result = promoteImageOrFail(request, args)
        steps.echo("${label}: promoted ${digest} to ${request.target}.")
        return result
    }

    /** A tag is resolved to {@code host/repo@sha256:…} once; a reference with a digest is used as it is. */
    String pin(String image, String credentialsId, String label) {
        if (image.contains('@')) {
            return image
        }
        Map args = [image: image]
        if (credentialsId != null) {
            args.put('credentialsId', credentialsId)
        }
        String pinned = steps.resolveImageDigest(args)
        steps.echo("${label}: pinned ${image} to ${pinned}.")
        return pinned
    }

    /**
     * The digest must be in the previous environment now: {@code requires} must resolve to it. Refuses through
     * {@code error} otherwise, before anyone is asked and before anything is written.
     */
    void checkPrevious(PromoteToRequest request, String digest) {
        String label = "promoteTo ${request.environment}"
        if (request.requires == null) {
            steps.echo("${label}: no previous environment to check (requires not set).")
            return
        }
        String current = null
        try {
            current = digestOf(steps.resolveImageDigest(request.requiresArguments()))
        } catch (Exception e) {
            if (FlowInterruption.of(e) != null) {
                throw e
            }
            steps.error("${label}: refused: ${request.requires} (the previous environment) could not be resolved " +
                    "(${e.getMessage()}). Promote ${digest} to ${request.requires} first.")
        }
        if (current != digest) {
            steps.error("${label}: refused: ${digest} is not in the previous environment: " +
                    "${request.requires} resolves to ${current}. Promote this digest to ${request.requires} first.")
        }
        steps.echo("${label}: gate passed: ${request.requires} resolves to this digest now.")
    }

    /**
     * One {@code approvePromotion} round after another until {@code promotionGate} says the gate is complete, all
     * inside one {@code timeout} when {@code timeoutMinutes} is set. An Abort or a timeout ends the promotion: the
     * log says why, and the interruption is passed on so the build ends ABORTED.
     */
    void collectApprovals(PromoteToRequest request, Map plan) {
        try {
            if (request.timeoutMinutes != null) {
                steps.timeout(time: request.timeoutMinutes.intValue(), unit: 'MINUTES') {
                    approvalRounds(request, (String) plan.id)
                }
            } else {
                approvalRounds(request, (String) plan.id)
            }
        } catch (Exception e) {
            FlowInterruption interruption = FlowInterruption.of(e)
            if (interruption != null) {
                steps.echo("promoteTo ${request.environment}: " + interruption.describeEnd(
                        (String) plan.digest, request.target, gateAfterInterruption((String) plan.id),
                        request.timeoutMinutes))
            }
            throw e
        }
    }

    /** Not private: called from inside the timeout closure. */
    void approvalRounds(PromoteToRequest request, String gateId) {
        Map gate = (Map) steps.promotionGate(gate: gateId)
        while (gate.complete != true) {
            steps.approvePromotion(gate: gateId)
            gate = (Map) steps.promotionGate(gate: gateId)
            steps.echo("promoteTo ${request.environment}: ${gate.message}")
        }
    }

    /** The tally after an Abort or a timeout, for the log; null when even that cannot be read. */
    Map gateAfterInterruption(String gateId) {
        try {
            return (Map) steps.promotionGate(gate: gateId)
        } catch (Exception e) {
            return null
        }
    }

    /** Passed after the approvals and right before the write, so an older build can never overtake a newer one. */
    void passMilestone(PromoteToRequest request) {
        if (request.milestone != null) {
            steps.milestone(ordinal: request.milestone.intValue(), label: "promote to ${request.environment}".toString())
        }
    }

    /** The target holds the digest already: nothing to approve; the dry run's result is returned, as before. */
    Map alreadyPromoted(PromoteToRequest request, String pinned) {
        steps.echo("promoteTo ${request.environment}: ${request.target} already points at ${digestOf(pinned)}; " +
                'nothing to approve or promote.')
        Map args = [image: pinned, target: request.target, dryRun: true]
        args.putAll(request.credentials())
        return (Map) steps.promoteImage(args)
    }

    /** {@code promoteImage}; its failure ends the build with its message (the plugin's, naming what differed). */
    Map promoteImageOrFail(PromoteToRequest request, Map args) {
        try {
            return (Map) steps.promoteImage(args)
        } catch (Exception e) {
            if (FlowInterruption.of(e) != null) {
                throw e
            }
            steps.error("promoteTo ${request.environment}: promoteImage failed: ${e.getMessage()}")
            return null
        }
    }

    /** " (approved by alice, carol)" from the approvals the plugin recorded with authority jenkins. */
    @NonCPS
    static String approvalNote(Map result) {
        List approvals = result == null ? null : (List) result.approvals
        if (approvals == null || approvals.isEmpty()) {
            return ''
        }
        List<String> users = []
        for (int i = 0; i < approvals.size(); i++) {
            users.add(String.valueOf(((Map) approvals.get(i)).user))
        }
        return " (approved by ${users.join(', ')})"
    }

    /** The digest of {@code host/repo@sha256:…}, as resolveImageDigest and planPromotion return it. */
    @NonCPS
    static String digestOf(String pinned) {
        return pinned.substring(pinned.lastIndexOf('@') + 1)
    }
}
