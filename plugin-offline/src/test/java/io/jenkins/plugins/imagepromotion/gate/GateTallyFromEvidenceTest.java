package io.jenkins.plugins.imagepromotion.gate;

import static io.jenkins.plugins.imagepromotion.gate.GateFixtures.REALM;
import static io.jenkins.plugins.imagepromotion.gate.GateFixtures.gate;
import static io.jenkins.plugins.imagepromotion.gate.GateFixtures.pending;
import static io.jenkins.plugins.imagepromotion.gate.GateFixtures.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.imagepromotion.core.approval.ApprovalEvidence;
import io.imagepromotion.core.approval.ApprovalPolicy;
import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.core.approval.CountedApproval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tally of a gate comes from the decisions Jenkins wrote on the round nodes, and the realm's view of the people. */
class GateTallyFromEvidenceTest {
    final GateFixtures.Decisions decisions = new GateFixtures.Decisions();
    final GateFixtures.Directory directory = new GateFixtures.Directory();

    ApprovalTally tally(GateRecord gate) throws Exception {
        return GateEvidence.tally(gate, decisions, directory, REALM);
    }

    @Test
    void twoApproversInSeparateRoundsCompleteATwoApprovalGate() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(2, null, false, false), List.of());
        settle(gate, decisions, "alice", false);
        assertFalse(tally(gate).complete(), "one of two");
        settle(gate, decisions, "bob", false);

        ApprovalTally tally = tally(gate);

        assertTrue(tally.complete(), tally.toString());
        assertEquals(List.of("alice", "bob"), tally.counted().stream().map(CountedApproval::userId).toList());
        assertEquals(List.of(1, 2), tally.counted().stream().map(CountedApproval::round).toList());
        assertEquals(GateFixtures.NOON + 2000, tally.counted().get(1).at().toEpochMilli(), "settled at the pause's end");
    }

    @Test
    void oneUserCountsOnceWhateverTheCase() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(2, null, false, false), List.of());
        settle(gate, decisions, "alice", false);
        settle(gate, decisions, "ALICE", false);

        ApprovalTally tally = tally(gate);

        assertEquals(1, tally.counted().size(), tally.toString());
        assertEquals(1, tally.missing());
        assertEquals(2, tally.refused().get(0).round());
    }

    @Test
    void whoStartedTheRunDoesNotCountWhenSelfApprovalIsForbiddenAndTheNextPromptSaysWhy() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(1, null, true, false), List.of("alice"));
        settle(gate, decisions, "Alice", false);

        ApprovalTally tally = tally(gate);
        RoundRequest next = RoundRequest.next(gate, tally);

        assertFalse(tally.complete());
        assertEquals("Alice", tally.refused().get(0).userId());
        assertTrue(next.message().contains(tally.refused().get(0).reason()), next.message());
        assertEquals(2, next.round());
    }

    @Test
    void aUserOutsideTheSubmittersDoesNotCountAMemberOfASubmitterGroupDoes() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(1, "release-managers,carol", false, false), List.of());
        directory.groups.put("dave", List.of("authenticated", "developers"));
        directory.groups.put("erin", List.of("authenticated", "Release-Managers"));
        settle(gate, decisions, "dave", false);
        assertFalse(tally(gate).complete(), "dave is neither listed nor in a listed group");
        settle(gate, decisions, "erin", false);

        ApprovalTally tally = tally(gate);

        assertTrue(tally.complete(), tally.toString());
        assertEquals("erin", tally.counted().get(0).userId());
        assertEquals("dave", tally.refused().get(0).userId());
    }

    @Test
    void anAdministratorOutsideTheSubmittersCountsOnlyWithAdminsCount() throws Exception {
        directory.admins.add("root");
        GateRecord strict = gate(ApprovalPolicy.of(1, "carol", false, false), List.of());
        settle(strict, decisions, "root", false);
        assertFalse(tally(strict).complete());

        GateRecord lenient = gate(ApprovalPolicy.of(1, "carol", false, true), List.of());
        GateFixtures.Decisions other = new GateFixtures.Decisions();
        settle(lenient, other, "root", false);
        assertTrue(GateEvidence.tally(lenient, other, directory, REALM).complete());
    }

    @Test
    void evidenceCarriesTheDirectorysAdminFlagAndGroupsAndAnonymousHasNone() throws Exception {
        directory.admins.add("root");
        directory.groups.put("root", List.of("admins"));
        GateRecord gate = gate(ApprovalPolicy.of(2, null, false, false), List.of());
        settle(gate, decisions, "root", false);
        settle(gate, decisions, null, false);
        pending(gate);

        List<ApprovalEvidence> evidence = GateEvidence.of(gate, decisions, directory);

        assertEquals(2, evidence.size(), "the pending round gives none");
        assertTrue(evidence.get(0).administrator());
        assertEquals(List.of("admins"), evidence.get(0).groups());
        assertNull(evidence.get(1).userId());
        assertFalse(evidence.get(1).administrator());
        assertEquals(1, tally(gate).counted().size(), "anonymous never counts");
    }

    @Test
    void oneAbortRejectsTheGateAndNoFurtherRoundIsAsked() throws Exception {
        GateRecord gate = gate(ApprovalPolicy.of(2, null, false, false), List.of());
        settle(gate, decisions, "alice", false);
        settle(gate, decisions, "bob", true);

        ApprovalTally tally = tally(gate);

        assertTrue(tally.rejected());
        assertEquals("bob", tally.rejectedBy());
        AbortException e = assertThrows(AbortException.class, () -> RoundRequest.next(gate, tally));
        assertTrue(e.getMessage().contains("rejected by bob"), e.getMessage());
        Map<String, Object> map = GateMaps.gate(gate.binding(), tally);
        assertEquals(Boolean.TRUE, map.get("rejected"));
        assertEquals("bob", map.get("rejectedBy"));
        assertEquals(Boolean.FALSE, map.get("complete"));
    }
}
