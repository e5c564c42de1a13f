package io.jenkins.plugins.imagepromotion.gate;

import io.imagepromotion.core.approval.ApprovalPlan;
import io.imagepromotion.core.approval.ApprovalPolicy;
import io.imagepromotion.core.approval.GateBinding;
import io.imagepromotion.core.approval.PlannedTarget;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.IdStrategy;

/**
 * Gates as planPromotion records them, and stand-ins for what Jenkins holds: the round nodes' decisions (by node id)
 * and what the realm and the ACL say about approvers.
 */
final class GateFixtures {
    static final String DIGEST = "sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899";
    static final String OTHER = "sha256:99887766554433221100ffeeddccbbaa99887766554433221100ffeeddccbbaa";
    static final String IMAGE = "registry.example.com/app@" + DIGEST;
    static final String PROD = "registry.example.com/app:prod";
    static final long NOON = Instant.parse("2026-12-07T12:00:00Z").toEpochMilli();

    /** Ids compared as the default realm does (CASE_INSENSITIVE). */
    static final IdStrategy CASE_INSENSITIVE = new IdStrategy() {
        @Override
        public int compare(String a, String b) {
            return a.compareToIgnoreCase(b);
        }
    };
    static final IdStrategy CASE_SENSITIVE = new IdStrategy() {
        @Override
        public int compare(String a, String b) {
            return a.compareTo(b);
        }
    };
    static final RealmIdentityMatching REALM = new RealmIdentityMatching(CASE_INSENSITIVE, CASE_INSENSITIVE);

    private GateFixtures() {
    }

    static GateRecord gate(ApprovalPolicy policy, List<String> starters) {
        return gate(new ApprovalPlan("prod", IMAGE, DIGEST, List.of(new PlannedTarget(PROD, OTHER))), policy, starters);
    }

    static GateRecord gate(ApprovalPlan plan, ApprovalPolicy policy, List<String> starters) {
        PromotionGateAction action = new PromotionGateAction();
        GateBinding binding = PlanPromotionStep.bind(action, plan, policy, starters, Instant.ofEpochMilli(NOON));
        return action.gate(binding.gateId());
    }

    /** The decisions written on round nodes; a round without one is pending (or ended by a timeout). */
    static final class Decisions implements RoundDecisions {
        final Map<String, RoundDecision> byNode = new HashMap<>();

        @Override
        public RoundDecision of(GateRound round) {
            return byNode.get(round.getNodeId());
        }
    }

    static final class Directory implements ApproverDirectory {
        final Map<String, List<String>> groups = new HashMap<>();
        final List<String> admins = new java.util.ArrayList<>();

        @Override
        public boolean administrator(String userId) {
            return admins.contains(userId);
        }

        @Override
        public List<String> groups(String userId) {
            return groups.getOrDefault(userId, List.of());
        }
    }

    /** Starts the next round as approvePromotion does (node id "n<round>") and settles it as {@code user} did. */
    static void settle(GateRecord gate, Decisions decisions, String user, boolean rejected) throws Exception {
        int round = gate.getRounds().size() + 1;
        String node = "n" + round;
        gate.addRound(new GateRound(round, gate.binding().roundInputId(round), node, NOON + round));
        decisions.byNode.put(node, new RoundDecision(round, user, NOON + 1000L * round, rejected));
    }

    /** Starts the next round and leaves it pending. */
    static void pending(GateRecord gate) {
        int round = gate.getRounds().size() + 1;
        gate.addRound(new GateRound(round, gate.binding().roundInputId(round), "n" + round, NOON + round));
    }
}
