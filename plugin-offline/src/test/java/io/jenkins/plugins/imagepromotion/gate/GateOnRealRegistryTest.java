package io.jenkins.plugins.imagepromotion.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.approval.ApprovalMismatchException;
import io.imagepromotion.core.approval.ApprovalPlan;
import io.imagepromotion.core.approval.ApprovalPolicy;
import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.PreconditionFailedException;
import io.imagepromotion.core.ledger.HistoryEntry;
import io.imagepromotion.core.ledger.PromotionLedger;
import io.imagepromotion.core.ledger.RecordVerifier;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.testkit.CommandFailedException;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import io.jenkins.plugins.imagepromotion.agent.LedgerOptions;
import io.jenkins.plugins.imagepromotion.agent.PromotionTask;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import io.jenkins.plugins.imagepromotion.model.ResultMap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate end to end on a real docker-registry 2.8.2, minus Jenkins' UI: planPromotion's HEAD-only probe, a tally
 * from round decisions, promoteImage(approval:)'s verification and its compare-and-set write, checked with skopeo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateOnRealRegistryTest {
    static final String RUN = "job/app/42/";
    static final String ROOT = "https://jenkins.example.com/";

    RegistryServer registry;
    Skopeo skopeo;
    TestImage app;
    TestImage other;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        skopeo = Skopeo.forRegistry(registry);
        app = TestImages.oci(dir.resolve("app"), 2, 8 * 1024, 12);
        other = TestImages.oci(dir.resolve("other"), 1, 4 * 1024, 13);
        skopeo.push(app, registry.host() + "/dev/app:1.0");
        skopeo.push(other, registry.host() + "/dev/other:1.0");
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    static RegistryAccess access() {
        return RegistryAccess.of(Map.of(), List.of());
    }

    String ref(String repoAndTag) {
        return registry.host() + "/" + repoAndTag;
    }

    /** planPromotion's work: the probe, the plan, the gate in a build's action. */
    GateRecord plan(String image, List<String> targets, ApprovalPolicy policy) {
        PlanProbe.Probed probed = PlanProbe.run(ImageReference.parse(image),
                targets.stream().map(ImageReference::parse).toList(), access(), log);
        return GateFixtures.gate(new ApprovalPlan("prod", probed.pinned(), probed.digest(), probed.targets()), policy,
                List.of());
    }

    /** The gate approved by {@code users}, one round each. */
    ApprovalTally approve(GateRecord gate, String... users) throws Exception {
        GateFixtures.Decisions decisions = new GateFixtures.Decisions();
        for (String user : users) {
            GateFixtures.settle(gate, decisions, user, false);
        }
        return GateEvidence.tally(gate, decisions, new GateFixtures.Directory(), GateFixtures.REALM);
    }

    PromoteArguments promote(String image, String... targets) {
        return PromoteArguments.of(image, null, List.of(targets), null, false, false, null, null);
    }

    @Test
    void thePlanPinsTheSourceAndReadsEachTargetWithOneHeadEach() throws Exception {
        String present = ref("prod/app:probe-present");
        skopeo.copy(ref("dev/other:1.0"), present);

        PlanProbe.Probed probed = PlanProbe.run(ImageReference.parse(ref("dev/app:1.0")),
                List.of(ImageReference.parse(present), ImageReference.parse(ref("prod/app:probe-absent"))), access(), log);

        assertEquals(ref("dev/app@" + app.digest()), probed.pinned());
        assertEquals(other.digest(), probed.targets().get(0).currentDigest());
        assertNull(probed.targets().get(1).currentDigest());
        assertEquals(3, probed.requests(), "one manifest HEAD per reference, nothing else");
    }

    @Test
    void anApprovedPromotionMovesTheTagAndCarriesJenkinsApprovals() throws Exception {
        String to = ref("prod/app:approved");
        GateRecord gate = plan(ref("dev/app:1.0"), List.of(to), ApprovalPolicy.of(2, null, false, false));
        ApprovalTally tally = approve(gate, "alice", "bob");

        GateApproval approved = GateApproval.verify(gate, tally, promote(gate.getImage(), to), ROOT, RUN);
        PromotionOutcome outcome = PromotionTask.run(approved.arguments(), access(),
                LedgerOptions.unsigned(ROOT + RUN).withApprovals(approved.approvals()), log);

        assertEquals(app.digest(), skopeo.digest(to));
        assertEquals("prod", approved.arguments().environment(), "the gate's environment");
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Promotion to environment prod, approved in Jenkins through gate " + gate.getGateId()
                + " by alice, bob"), text);
        Map<String, Object> result = ResultMap.of(outcome, approved.approvals());
        assertEquals(List.of(Map.of("user", "alice", "at", Instant.ofEpochMilli(GateFixtures.NOON + 1000).toString(),
                "authority", "jenkins"), Map.of("user", "bob", "at",
                Instant.ofEpochMilli(GateFixtures.NOON + 2000).toString(), "authority", "jenkins")), result.get("approvals"));
        try (RegistryTransport transport = new RegistryTransport(access().transportSettings())) {
            HistoryEntry record = new PromotionLedger(new RegistryClient(transport)).history(ImageReference.parse(to),
                    10, RecordVerifier.NONE).records().get(0);
            assertEquals(List.of("alice", "bob"), record.approvals().stream().map(Approval::userId).toList());
            assertEquals(ApprovalAuthority.jenkins(ROOT, RUN), record.approvals().get(0).authority());
        }
    }

    @Test
    void targetsThatHeldDifferentDigestsAreEachComparedWithTheirOwn() throws Exception {
        String held = ref("prod/app:held");
        String absent = ref("prod/app:was-absent");
        skopeo.copy(ref("dev/other:1.0"), held);
        GateRecord gate = plan(ref("dev/app:1.0"), List.of(held, absent), ApprovalPolicy.of(1, null, false, false));

        GateApproval approved = GateApproval.verify(gate, approve(gate, "alice"), promote(gate.getImage(), held, absent),
                ROOT, RUN);
        PromotionTask.run(approved.arguments(), access(), LedgerOptions.unsigned(ROOT + RUN), log);

        assertEquals(app.digest(), skopeo.digest(held));
        assertEquals(app.digest(), skopeo.digest(absent));
    }

    @Test
    void aDigestOtherThanTheApprovedOneIsRefusedBeforeAnyWrite() throws Exception {
        String to = ref("prod/app:other-digest");
        GateRecord gate = plan(ref("dev/app:1.0"), List.of(to), ApprovalPolicy.of(1, null, false, false));
        ApprovalTally tally = approve(gate, "alice");

        ApprovalMismatchException e = assertThrows(ApprovalMismatchException.class, () -> GateApproval.verify(gate,
                tally, promote(ref("dev/other@" + other.digest()), to), ROOT, RUN));

        assertTrue(e.getMessage().contains(app.digest()) && e.getMessage().contains(other.digest()), e.getMessage());
        assertThrows(CommandFailedException.class, () -> skopeo.digest(to), "never written");
    }

    @Test
    void aTargetThatWasNotApprovedIsRefused() throws Exception {
        String to = ref("prod/app:approved-target");
        String elsewhere = ref("prod/app:unapproved");
        GateRecord gate = plan(ref("dev/app:1.0"), List.of(to), ApprovalPolicy.of(1, null, false, false));
        ApprovalTally tally = approve(gate, "alice");

        ApprovalMismatchException e = assertThrows(ApprovalMismatchException.class, () -> GateApproval.verify(gate,
                tally, promote(gate.getImage(), to, elsewhere), ROOT, RUN));

        assertTrue(e.getMessage().contains(elsewhere), e.getMessage());
    }

    @Test
    void tooFewApprovalsAreRefused() throws Exception {
        String to = ref("prod/app:too-few");
        GateRecord gate = plan(ref("dev/app:1.0"), List.of(to), ApprovalPolicy.of(2, null, false, false));
        ApprovalTally tally = approve(gate, "alice", "ALICE");

        ApprovalMismatchException e = assertThrows(ApprovalMismatchException.class, () -> GateApproval.verify(gate,
                tally, promote(gate.getImage(), to), ROOT, RUN));

        assertEquals(ErrorKind.PRECONDITION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("1") && e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void aTargetThatMovedAfterTheApprovalFailsAsAPreconditionAndKeepsItsNewDigest() throws Exception {
        String to = ref("prod/app:moved");
        GateRecord gate = plan(ref("dev/app:1.0"), List.of(to), ApprovalPolicy.of(1, null, false, false));
        GateApproval approved = GateApproval.verify(gate, approve(gate, "alice"), promote(gate.getImage(), to), ROOT, RUN);
        skopeo.copy(ref("dev/other:1.0"), to); // someone moved it after the approval

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class, () -> PromotionTask.run(
                approved.arguments(), access(), LedgerOptions.unsigned(ROOT + RUN), log));

        assertEquals(ErrorKind.PRECONDITION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("expected to be absent"), e.getMessage());
        assertEquals(other.digest(), skopeo.digest(to), "the target keeps what it was moved to");
    }

    @Test
    void anUnpinnedImageOrAnotherEnvironmentOrExpectCurrentIsRefused() throws Exception {
        String to = ref("prod/app:refusals");
        GateRecord gate = plan(ref("dev/app:1.0"), List.of(to), ApprovalPolicy.of(1, null, false, false));
        ApprovalTally tally = approve(gate, "alice");

        AbortException unpinned = assertThrows(AbortException.class, () -> GateApproval.verify(gate, tally,
                promote(ref("dev/app:1.0"), to), ROOT, RUN));
        AbortException environment = assertThrows(AbortException.class, () -> GateApproval.verify(gate, tally,
                PromoteArguments.of(gate.getImage(), to, null, null, false, false, "staging", null), ROOT, RUN));
        RuntimeException expect = assertThrows(RuntimeException.class, () -> GateApproval.verify(gate, tally,
                PromoteArguments.of(gate.getImage(), to, null, null, true, false, null, null), ROOT, RUN));

        assertTrue(unpinned.getMessage().contains(gate.getImage()), unpinned.getMessage());
        assertTrue(environment.getMessage().contains("approves environment prod, not staging"), environment.getMessage());
        assertTrue(expect.getMessage().contains("drop expectCurrent/expectAbsent"), expect.getMessage());
    }
}
