package io.imagepromotion.core.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalTallyTest {
    private static final String DIGEST = "sha256:" + "1a2b3c4d".repeat(8);
    private static final String OTHER = "sha256:" + "9f".repeat(32);
    private static final String PROD = "registry.example.com/app:prod";
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    private static GateBinding gate(ApprovalPolicy policy, String... starters) {
        ApprovalPlan plan = new ApprovalPlan("prod", "registry.example.com/app@" + DIGEST, DIGEST,
                List.of(new PlannedTarget(PROD, OTHER)));
        return new GateBinding(GateBinding.newGateId("prod", plan.planHash(), 1), plan, policy, List.of(starters), T0);
    }

    private static List<ApprovalEvidence> rounds(ApprovalEvidence... e) {
        return new ArrayList<>(Arrays.asList(e));
    }

    private static ApprovalEvidence approve(int round, String user, String... groups) {
        return new ApprovalEvidence(round, user, T0.plusSeconds(round), false, List.of(groups), false);
    }

    private static ApprovalTally tally(GateBinding gate, List<ApprovalEvidence> evidence) {
        return ApprovalTally.of(gate, evidence, IdentityMatching.caseInsensitive());
    }

    @Test
    void twoDistinctApproversCompleteATwoApprovalGate() {
        ApprovalTally t = tally(gate(ApprovalPolicy.of(2, null, false, false)), rounds(approve(1, "alice"), approve(2, "bob")));
        assertTrue(t.complete());
        assertEquals(List.of("alice", "bob"), t.counted().stream().map(CountedApproval::userId).toList());
    }

    @Test
    void onePersonCountsOnceWhateverTheCase() {
        ApprovalTally t = tally(gate(ApprovalPolicy.of(2, null, false, false)), rounds(approve(1, "alice"), approve(2, "ALICE")));
        assertFalse(t.complete());
        assertEquals(1, t.missing());
        assertTrue(t.refused().get(0).reason().contains("one person counts once"), t.refused().toString());
    }

    @Test
    void theRunStarterDoesNotCountWhenSelfApprovalIsForbiddenAndTheNextMessageSaysWhy() {
        GateBinding g = gate(ApprovalPolicy.of(1, null, true, false), "alice");
        ApprovalTally t = tally(g, rounds(approve(1, "Alice")));
        assertFalse(t.complete());
        String next = t.roundMessage(g);
        assertTrue(next.contains("started this run; their approval does not count"), next);
        assertTrue(next.contains(DIGEST) && next.contains(PROD) && next.contains("1 still needed"), next);
    }

    @Test
    void aNonSubmitterDoesNotCountButAMemberOfASubmitterGroupDoes() {
        GateBinding g = gate(ApprovalPolicy.of(1, "release-managers", false, false));
        assertFalse(tally(g, rounds(approve(1, "mallory"))).complete());
        assertTrue(tally(g, rounds(approve(1, "carol", "release-managers"))).complete());
    }

    @Test
    void anAdministratorOutsideTheSubmittersCountsOnlyWithAdminsCount() {
        ApprovalEvidence admin = new ApprovalEvidence(1, "root", T0, true, List.of(), false);
        assertFalse(tally(gate(ApprovalPolicy.of(1, "alice", false, false)), rounds(admin)).complete());
        assertTrue(tally(gate(ApprovalPolicy.of(1, "alice", false, true)), rounds(admin)).complete());
    }

    @Test
    void anAnonymousApprovalNeverCounts() {
        ApprovalTally t = tally(gate(ApprovalPolicy.of(1, null, false, true)), rounds(approve(1, null)));
        assertFalse(t.complete());
        assertNull(t.refused().get(0).userId());
    }

    @Test
    void anAbortRejectsTheGateAndNamesWhoRejected() {
        ApprovalTally t = tally(gate(ApprovalPolicy.of(2, null, false, false)),
                rounds(approve(1, "alice"), new ApprovalEvidence(2, "bob", T0, false, List.of(), true)));
        assertTrue(t.rejected());
        assertFalse(t.complete());
        assertEquals("bob", t.rejectedBy());
    }

    @Test
    void thePlanHashIgnoresTargetOrderAndChangesWithAnyField() {
        PlannedTarget a = new PlannedTarget("r/app:a", null);
        PlannedTarget b = new PlannedTarget("r/app:b", OTHER);
        String h = new ApprovalPlan("prod", "r/app@" + DIGEST, DIGEST, List.of(a, b)).planHash();
        assertEquals(h, new ApprovalPlan("prod", "r/app@" + DIGEST, DIGEST, List.of(b, a)).planHash());
        assertFalse(h.equals(new ApprovalPlan("prod", "r/app@" + DIGEST, DIGEST,
                List.of(a, new PlannedTarget("r/app:b", DIGEST))).planHash()));
        assertFalse(h.equals(new ApprovalPlan("staging", "r/app@" + DIGEST, DIGEST, List.of(a, b)).planHash()));
    }

    @Test
    void verifyReturnsEachTargetsCompareAndSetExpectation() {
        GateBinding g = gate(ApprovalPolicy.of(1, null, false, false));
        Map<String, String> expect = PromotionVerifier.verify(g, tally(g, rounds(approve(1, "alice"))), DIGEST, List.of(PROD));
        assertEquals(Map.of(PROD, OTHER), expect);
    }

    @Test
    void verifyRefusesAnotherDigestAnUnapprovedTargetAndTooFewApprovals() {
        GateBinding g = gate(ApprovalPolicy.of(2, null, false, false));
        ApprovalTally one = tally(g, rounds(approve(1, "alice")));
        ApprovalTally two = tally(g, rounds(approve(1, "alice"), approve(2, "bob")));
        ApprovalMismatchException digest = assertThrows(ApprovalMismatchException.class,
                () -> PromotionVerifier.verify(g, two, OTHER, List.of(PROD)));
        assertEquals(ApprovalMismatchException.Kind.DIGEST_DIFFERS, digest.mismatch());
        assertTrue(digest.getMessage().contains(DIGEST) && digest.getMessage().contains(OTHER), digest.getMessage());
        ApprovalMismatchException target = assertThrows(ApprovalMismatchException.class,
                () -> PromotionVerifier.verify(g, two, DIGEST, List.of("registry.example.com/app:other")));
        assertEquals(ApprovalMismatchException.Kind.TARGET_NOT_APPROVED, target.mismatch());
        ApprovalMismatchException few = assertThrows(ApprovalMismatchException.class,
                () -> PromotionVerifier.verify(g, one, DIGEST, List.of(PROD)));
        assertEquals(ApprovalMismatchException.Kind.TOO_FEW_APPROVALS, few.mismatch());
        assertTrue(few.getMessage().contains("1 of 2"), few.getMessage());
    }

    @Test
    void aPolicyOutsideItsBoundsIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> ApprovalPolicy.of(0, null, false, false));
        assertThrows(IllegalArgumentException.class, () -> ApprovalPolicy.of(51, null, false, false));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> ApprovalPolicy.of(1, "alice,,bob", false, false));
        assertTrue(blank.getMessage().contains("empty"), blank.getMessage());
    }
}
