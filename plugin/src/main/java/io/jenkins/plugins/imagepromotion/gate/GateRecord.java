package io.jenkins.plugins.imagepromotion.gate;

import io.imagepromotion.core.approval.ApprovalPlan;
import io.imagepromotion.core.approval.ApprovalPolicy;
import io.imagepromotion.core.approval.GateBinding;
import io.imagepromotion.core.approval.PlannedTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One gate as the build stores it: the binding {@code planPromotion} made (plan, policy, who started the run) and
 * the rounds {@code approvePromotion} started. Plain fields only, so XStream writes and reads it as Jenkins does;
 * {@link #binding()} rebuilds the core's validated value, and its plan hash is compared with the stored one.
 */
public final class GateRecord {
    private String gateId;
    private String environment;
    private String image;
    private String digest;
    private String planHash;
    private List<GateTarget> targets = new ArrayList<>();
    private int approvals;
    private List<String> submitters = new ArrayList<>();
    private boolean forbidSelfApproval;
    private boolean adminsCount;
    private List<String> runStarters = new ArrayList<>();
    private long createdAt;
    private List<GateRound> rounds = new ArrayList<>();

    private GateRecord() {
    }

    public static GateRecord of(GateBinding binding) {
        GateRecord r = new GateRecord();
        ApprovalPlan plan = binding.plan();
        ApprovalPolicy policy = binding.policy();
        r.gateId = binding.gateId();
        r.environment = plan.environment();
        r.image = plan.image();
        r.digest = plan.digest();
        r.planHash = plan.planHash();
        for (PlannedTarget t : plan.targets()) {
            r.targets.add(new GateTarget(t.target(), t.currentDigest()));
        }
        r.approvals = policy.approvals();
        r.submitters.addAll(policy.submitters());
        r.forbidSelfApproval = policy.forbidSelfApproval();
        r.adminsCount = policy.adminsCount();
        r.runStarters.addAll(binding.runStarters());
        r.createdAt = binding.createdAt().toEpochMilli();
        return r;
    }

    /** XStream does not run field initialisers: a build.xml without a list reads back as an empty one. */
    private Object readResolve() {
        if (targets == null) {
            targets = new ArrayList<>();
        }
        if (submitters == null) {
            submitters = new ArrayList<>();
        }
        if (runStarters == null) {
            runStarters = new ArrayList<>();
        }
        if (rounds == null) {
            rounds = new ArrayList<>();
        }
        return this;
    }

    /**
     * The core's binding, validated again.
     *
     * @throws IllegalStateException when the stored plan no longer hashes to the stored plan hash
     */
    public GateBinding binding() {
        List<PlannedTarget> planned = new ArrayList<>();
        for (GateTarget t : targets) {
            planned.add(new PlannedTarget(t.getTarget(), t.getCurrentDigest()));
        }
        ApprovalPlan plan = new ApprovalPlan(environment, image, digest, planned);
        if (!plan.planHash().equals(planHash)) {
            throw new IllegalStateException("gate " + gateId + ": the stored plan hashes to " + plan.planHash()
                    + ", not to the recorded " + planHash);
        }
        ApprovalPolicy policy = new ApprovalPolicy(approvals, submitters, forbidSelfApproval, adminsCount);
        return new GateBinding(gateId, plan, policy, runStarters, Instant.ofEpochMilli(createdAt));
    }

    synchronized void addRound(GateRound round) {
        rounds.add(round);
    }

    public synchronized List<GateRound> getRounds() {
        return List.copyOf(rounds);
    }

    public String getGateId() {
        return gateId;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getImage() {
        return image;
    }

    public String getDigest() {
        return digest;
    }

    public String getPlanHash() {
        return planHash;
    }

    public List<GateTarget> getTargets() {
        return List.copyOf(targets);
    }

    public int getApprovals() {
        return approvals;
    }

    public List<String> getSubmitters() {
        return List.copyOf(submitters);
    }
}
