package io.jenkins.plugins.imagepromotion.gate;

import io.imagepromotion.core.approval.ApprovalPlan;
import io.imagepromotion.core.approval.ApprovalPolicy;
import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.core.approval.CountedApproval;
import io.imagepromotion.core.approval.GateBinding;
import io.imagepromotion.core.approval.PlannedTarget;
import io.imagepromotion.core.approval.RefusedApproval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values {@code planPromotion} and {@code promotionGate} return: plain maps and lists of strings, numbers and
 * booleans, which CPS persists and the sandbox reads. The shared library relies on these exact keys. A script may
 * change its copy; {@code promoteImage(approval:)} reads the build's own record instead.
 */
public final class GateMaps {
    private GateMaps() {
    }

    /** {@code [id, environment, image, digest, targets: [[target, current]], planHash, alreadyPromoted, approvals,
     *  submitters, forbidSelfApproval, adminsCount, message]} */
    public static Map<String, Object> plan(GateBinding binding, ApprovalTally tally) {
        ApprovalPlan plan = binding.plan();
        ApprovalPolicy policy = binding.policy();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", binding.gateId());
        map.put("environment", plan.environment());
        map.put("image", plan.image());
        map.put("digest", plan.digest());
        List<Object> targets = new ArrayList<>();
        for (PlannedTarget t : plan.targets()) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("target", t.target());
            target.put("current", t.currentDigest());
            targets.add(target);
        }
        map.put("targets", targets);
        map.put("planHash", plan.planHash());
        map.put("alreadyPromoted", plan.alreadyPromoted());
        map.put("approvals", policy.approvals());
        map.put("submitters", new ArrayList<>(policy.submitters()));
        map.put("forbidSelfApproval", policy.forbidSelfApproval());
        map.put("adminsCount", policy.adminsCount());
        map.put("message", tally.roundMessage(binding));
        return map;
    }

    /** {@code [id, environment, digest, complete, rejected, rejectedBy, approvals, missing,
     *  approvers: [[user, at, round]], refused: [[user, round, reason]], rounds, message]} */
    public static Map<String, Object> gate(GateBinding binding, ApprovalTally tally) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", binding.gateId());
        map.put("environment", binding.plan().environment());
        map.put("digest", binding.plan().digest());
        map.put("complete", tally.complete());
        map.put("rejected", tally.rejected());
        map.put("rejectedBy", tally.rejectedBy());
        map.put("approvals", tally.required());
        map.put("missing", tally.missing());
        List<Object> approvers = new ArrayList<>();
        for (CountedApproval a : tally.counted()) {
            Map<String, Object> approver = new LinkedHashMap<>();
            approver.put("user", a.userId());
            approver.put("at", a.at().toString());
            approver.put("round", a.round());
            approvers.add(approver);
        }
        map.put("approvers", approvers);
        List<Object> refused = new ArrayList<>();
        for (RefusedApproval r : tally.refused()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("user", r.userId());
            entry.put("round", r.round());
            entry.put("reason", r.reason());
            refused.add(entry);
        }
        map.put("refused", refused);
        map.put("rounds", tally.rounds());
        map.put("message", tally.complete() || tally.rejected() ? tally.summary() : tally.roundMessage(binding));
        return map;
    }
}
