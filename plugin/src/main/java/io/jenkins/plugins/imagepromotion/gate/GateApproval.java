package io.jenkins.plugins.imagepromotion.gate;

import hudson.AbortException;
import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.core.approval.CountedApproval;
import io.imagepromotion.core.approval.GateBinding;
import io.imagepromotion.core.approval.PromotionVerifier;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.model.ApprovalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code promoteImage(approval:)} may do under a gate: the core's verifier compares the request with the
 * build's own record of the gate and with the tally from Jenkins' evidence; what passes becomes arguments whose
 * write is a compare-and-set against each target's approved digest, and the approvals the records carry.
 *
 * @param arguments the promotion's arguments, with the gate's environment and the approved digests
 * @param approvals who approved, vouched for by Jenkins at {@code rootUrl}, in {@code run}
 */
public record GateApproval(PromoteArguments arguments, List<ApprovalEntry> approvals) {

    /**
     * @param rootUrl the controller's root URL, or null when it has none configured
     * @param run     the build, e.g. {@code job/app/42/}
     * @throws AbortException for an image without a digest or another environment
     * @throws io.imagepromotion.core.approval.ApprovalMismatchException when the request differs from what was
     *         approved (digest, targets) or the gate is rejected or incomplete
     */
    public static GateApproval verify(GateRecord gate, ApprovalTally tally, PromoteArguments args, String rootUrl,
                                      String run) throws AbortException {
        GateBinding binding = gate.binding();
        ImageReference source = args.source();
        if (source.digest() == null) {
            throw new AbortException("promoteImage(approval: '" + gate.getGateId() + "') needs the image pinned by"
                    + " digest, as the gate approved it: image: " + binding.plan().image() + " (the plan's image)");
        }
        String environment = binding.plan().environment();
        if (args.environment() != null && !args.environment().equals(environment)) {
            throw new AbortException("gate " + gate.getGateId() + " approves environment " + environment + ", not "
                    + args.environment() + ": drop environment or give '" + environment + "'");
        }
        List<String> targets = args.targetReferences().stream().map(ImageReference::toString).toList();
        Map<String, String> expected = PromotionVerifier.verify(binding, tally, source.digest().toString(), targets);
        List<ApprovalEntry> approvals = new ArrayList<>();
        for (CountedApproval a : tally.counted()) {
            approvals.add(ApprovalEntry.jenkins(a.userId(), a.at(), rootUrl, run, gate.getGateId()));
        }
        return new GateApproval(args.approved(gate.getGateId(), environment, expected), approvals);
    }
}
