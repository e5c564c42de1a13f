package io.jenkins.plugins.imagepromotion.gate;

import static io.jenkins.plugins.imagepromotion.gate.GateFixtures.REALM;
import static io.jenkins.plugins.imagepromotion.gate.GateFixtures.gate;
import static io.jenkins.plugins.imagepromotion.gate.GateFixtures.pending;
import static io.jenkins.plugins.imagepromotion.gate.GateFixtures.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.imagepromotion.core.approval.ApprovalPlan;
import io.imagepromotion.core.approval.ApprovalPolicy;
import io.imagepromotion.core.approval.PlannedTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each round of a gate is an input with its own URL-safe id, a message that says where the gate stands, and a label. */
class GateRoundsTest {
    /** What InputStep accepts as an id (its descriptor's doCheckId), first letter upper case (lower is reserved). */
    static final String INPUT_ID = "[A-Z][a-zA-Z0-9\\-._~!$()*+,:@=]*";

    final GateFixtures.Directory directory = new GateFixtures.Directory();

    RoundRequest next(GateRecord gate, GateFixtures.Decisions decisions) throws Exception {
        return RoundRequest.next(gate, GateEvidence.tally(gate, decisions, directory, REALM));
    }

    @Test
    void everyRoundHasItsOwnUrlSafeInputIdAndTheSubmittersAndApproveButton() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(2, "alice, release-managers", false, false), List.of());
        GateFixtures.Decisions decisions = new GateFixtures.Decisions();
        RoundRequest first = next(gate, decisions);
        pending(gate); // a round that timed out gives no decision but uses its number
        RoundRequest second = next(gate, decisions);

        assertTrue(first.inputId().matches(INPUT_ID), first.inputId());
        assertTrue(second.inputId().matches(INPUT_ID), second.inputId());
        assertNotEquals(first.inputId(), second.inputId());
        assertEquals(gate.binding().roundInputId(2), second.inputId());
        assertEquals("alice,release-managers", first.submitter());
        assertEquals("Approve", first.ok());
    }

    @Test
    void theMessageNamesTheDigestTheTargetsAndWhoApprovedAndTheLabelCountsUp() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(2, null, false, false), List.of());
        GateFixtures.Decisions decisions = new GateFixtures.Decisions();
        RoundRequest first = next(gate, decisions);
        settle(gate, decisions, "alice", false);
        RoundRequest second = next(gate, decisions);

        assertEquals("Approval for prod: 1 of 2", first.label());
        assertEquals("Approval for prod: 2 of 2", second.label());
        assertTrue(second.message().contains(GateFixtures.DIGEST), second.message());
        assertTrue(second.message().contains(GateFixtures.PROD), second.message());
        assertTrue(second.message().contains("alice"), second.message());
    }

    @Test
    void aCompleteGateAsksNoMoreRounds() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(1, null, false, false), List.of());
        GateFixtures.Decisions decisions = new GateFixtures.Decisions();
        settle(gate, decisions, "alice", false);

        AbortException e = assertThrows(AbortException.class, () -> next(gate, decisions));

        assertTrue(e.getMessage().contains("promoteImage(approval: '" + gate.getGateId() + "')"), e.getMessage());
    }

    @Test
    void planningTheSamePromotionTwiceInABuildGivesTwoGates() {
        PromotionGateAction action = new PromotionGateAction();
        ApprovalPlan plan = new ApprovalPlan("prod", GateFixtures.IMAGE, GateFixtures.DIGEST,
                List.of(new PlannedTarget(GateFixtures.PROD, null)));
        ApprovalPolicy policy = ApprovalPolicy.of(1, null, false, false);

        String one = PlanPromotionStep.bind(action, plan, policy, List.of(), Instant.now()).gateId();
        String two = PlanPromotionStep.bind(action, plan, policy, List.of(), Instant.now()).gateId();

        assertNotEquals(one, two);
        assertEquals(2, action.getGates().size());
        assertTrue(Character.isUpperCase(one.charAt(0)) && one.matches(INPUT_ID), one);
    }

    @Test
    void thePlanMapHasTheKeysTheLibraryReads() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(2, "alice,bob", true, false), List.of("carol"));
        Map<String, Object> map = GateMaps.plan(gate.binding(), GateEvidence.tally(gate, new GateFixtures.Decisions(),
                directory, REALM));

        assertEquals(List.of("id", "environment", "image", "digest", "targets", "planHash", "alreadyPromoted",
                "approvals", "submitters", "forbidSelfApproval", "adminsCount", "message"), new ArrayList<>(map.keySet()));
        assertEquals(gate.getGateId(), map.get("id"));
        assertEquals(GateFixtures.IMAGE, map.get("image"));
        assertEquals(List.of(Map.of("target", GateFixtures.PROD, "current", GateFixtures.OTHER)), map.get("targets"));
        assertEquals(2, map.get("approvals"));
        assertEquals(List.of("alice", "bob"), map.get("submitters"));
        assertEquals(Boolean.FALSE, map.get("alreadyPromoted"));
    }

    @Test
    void theGateMapHasTheKeysTheLibraryReads() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(2, null, true, false), List.of("carol"));
        GateFixtures.Decisions decisions = new GateFixtures.Decisions();
        settle(gate, decisions, "carol", false);
        settle(gate, decisions, "alice", false);
        Map<String, Object> map = GateMaps.gate(gate.binding(), GateEvidence.tally(gate, decisions, directory, REALM));

        assertEquals(List.of("id", "environment", "digest", "complete", "rejected", "rejectedBy", "approvals", "missing",
                "approvers", "refused", "rounds", "message"), new ArrayList<>(map.keySet()));
        assertEquals(1, map.get("missing"));
        assertNull(map.get("rejectedBy"));
        assertEquals(2, map.get("rounds"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> approvers = (List<Map<String, Object>>) map.get("approvers");
        assertEquals("alice", approvers.get(0).get("user"));
        assertEquals(Instant.ofEpochMilli(GateFixtures.NOON + 2000).toString(), approvers.get(0).get("at"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> refused = (List<Map<String, Object>>) map.get("refused");
        assertEquals("carol", refused.get(0).get("user"));
        assertEquals(1, refused.get(0).get("round"));
    }
}
