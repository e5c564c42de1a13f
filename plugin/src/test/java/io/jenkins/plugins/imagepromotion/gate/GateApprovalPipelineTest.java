package io.jenkins.plugins.imagepromotion.gate;

import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.answer;
import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.approve;
import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.job;
import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.pendingRound;
import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.security;
import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Result;
import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.testkit.CommandFailedException;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import io.jenkins.plugins.imagepromotion.model.ApprovalEntry;
import io.jenkins.plugins.imagepromotion.model.PromotionAction;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The approval gate in real Pipelines, approved through the input endpoints as logged-in users, against a real
 * docker-registry. The promotion runs outside node: same registry, so it mounts and moves no blob bytes.
 * Needs the Jenkins Maven repository, so it runs only in the real build ({@code mvn -f plugin/pom.xml verify}).
 */
@WithJenkins
class GateApprovalPipelineTest {
    static RegistryServer registry;
    static TestImage app;
    static TestImage other;

    @BeforeAll
    static void registry(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        app = TestImages.oci(dir.resolve("app"), 2, 16 * 1024, 701);
        other = TestImages.oci(dir.resolve("other"), 1, 8 * 1024, 702);
        Skopeo.forRegistry(registry).push(app, registry.host() + "/dev/app:1.0");
        Skopeo.forRegistry(registry).push(other, registry.host() + "/dev/other:1.0");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    static String ref(String repoAndTag) {
        return registry.host() + "/" + repoAndTag;
    }

    static String digestOf(String reference) {
        return Skopeo.forRegistry(registry).digest(reference);
    }

    /** Plan, rounds until the Java tally is complete, then the promotion with the gate's id. */
    static String gatedPromotion(String target, String policy, String promotedImage) {
        return "def gate = planPromotion(image: '" + ref("dev/app:1.0") + "', target: '" + target + "', environment: 'prod'"
                + (policy.isEmpty() ? "" : ", " + policy) + ")\n"
                + "while (!promotionGate(gate: gate.id).complete) { approvePromotion(gate: gate.id) }\n"
                + "def g = promotionGate(gate: gate.id)\n"
                + "echo \"APPROVERS ${g.approvers.collect { it.user }} REFUSED ${g.refused.collect { it.user + ': ' + it.reason }}\"\n"
                + "def r = promoteImage(image: " + promotedImage + ", target: '" + target + "', approval: gate.id)\n"
                + "echo \"PROMOTED ${r.digest} APPROVALS ${r.approvals.collect { it.user + '/' + it.authority }}\"\n";
    }

    @Test
    void twoApproversInSeparateRequestsLetThePromotionThrough(JenkinsRule j) throws Exception {
        security(j);
        String to = ref("prod/app:two");
        WorkflowRun b = start(job(j, "two", gatedPromotion(to, "approvals: 2, submitters: 'alice,bob'", "gate.image")));

        InputStepExecution first = pendingRound(b, 1);
        assertEquals("Approve", first.getInput().getOk());
        assertEquals("alice,bob", first.getInput().getSubmitter());
        assertTrue(first.getInput().getMessage().contains(app.digest()), first.getInput().getMessage());
        approve(j, b, 1, "alice");
        InputStepExecution second = pendingRound(b, 2);
        assertTrue(second.getInput().getMessage().contains("alice"), second.getInput().getMessage());
        approve(j, b, 2, "bob");
        j.assertBuildStatusSuccess(j.waitForCompletion(b));

        assertEquals(app.digest(), digestOf(to));
        j.assertLogContains("APPROVERS [alice, bob] REFUSED []", b);
        j.assertLogContains("PROMOTED " + app.digest() + " APPROVALS [alice/jenkins, bob/jenkins]", b);
        PromotionRecord record = b.getAction(PromotionAction.class).getRecords().get(0);
        assertEquals(List.of("alice", "bob"), record.getApprovals().stream().map(ApprovalEntry::getUser).toList());
        assertEquals(b.getUrl(), record.getApprovals().get(0).getRun());
        assertEquals(j.jenkins.getRootUrl(), record.getApprovals().get(0).getRootUrl());
        assertEquals("prod", record.getEnvironment());
        assertTrue(labels(b).contains("Approval for prod: 1 of 2") && labels(b).contains("Approval for prod: 2 of 2"),
                labels(b).toString());
    }

    @Test
    void whoStartedTheBuildCannotApproveItAndTheNextRoundSaysWhy(JenkinsRule j) throws Exception {
        security(j);
        String to = ref("prod/app:self");
        WorkflowRun b = start(job(j, "self", gatedPromotion(to, "submitters: 'carol,alice', forbidSelfApproval: true",
                "gate.image")), new CauseAction(new Cause.UserIdCause("carol")));

        approve(j, b, 1, "carol");
        InputStepExecution second = pendingRound(b, 2);
        assertTrue(second.getInput().getMessage().contains("carol"), second.getInput().getMessage());
        approve(j, b, 2, "alice");
        j.assertBuildStatusSuccess(j.waitForCompletion(b));

        j.assertLogContains("APPROVERS [alice] REFUSED [carol: ", b);
        j.assertLogContains("APPROVALS [alice/jenkins]", b);
    }

    @Test
    void aUserOutsideTheSubmittersIsRefusedByTheInputAndAGroupMemberApproves(JenkinsRule j) throws Exception {
        security(j);
        String to = ref("prod/app:submitters");
        WorkflowRun b = start(job(j, "submitters", gatedPromotion(to, "submitters: 'alice,release-managers'",
                "gate.image")));

        InputStepExecution round = pendingRound(b, 1);
        // Input's own check (preSubmissionCheck) answers with hudson.model.Failure, whose error view is status 400.
        assertEquals(400, answer(j, b, round, "dave", "proceedEmpty"));
        assertEquals(round.getId(), pendingRound(b, 1).getId(), "still pending");
        approve(j, b, 1, "erin");
        j.assertBuildStatusSuccess(j.waitForCompletion(b));

        j.assertLogContains("APPROVALS [erin/jenkins]", b);
    }

    @Test
    void aDigestOtherThanTheApprovedOneIsRefusedAndNothingMoves(JenkinsRule j) throws Exception {
        security(j);
        String to = ref("prod/app:changed");
        WorkflowRun b = start(job(j, "changed", gatedPromotion(to, "", "'" + ref("dev/other@" + other.digest()) + "'")));

        approve(j, b, 1, "alice");
        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));

        j.assertLogContains(app.digest(), b);
        j.assertLogContains(other.digest(), b);
        assertThrows(CommandFailedException.class, () -> digestOf(to), "the target was never written");
    }

    @Test
    void oneAbortRejectsTheGateAndTheBuildRecordsWho(JenkinsRule j) throws Exception {
        security(j);
        String to = ref("prod/app:rejected");
        WorkflowRun b = start(job(j, "rejected", gatedPromotion(to, "approvals: 2", "gate.image")));

        approve(j, b, 1, "alice");
        assertEquals(200, answer(j, b, pendingRound(b, 2), "bob", "abort"));
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));

        GateRecord gate = b.getAction(PromotionGateAction.class).getGates().get(0);
        ApprovalTally tally = GateEvidence.tally(gate, new FlowNodeDecisions(b.getExecution()), new JenkinsApprovers(),
                RealmIdentityMatching.ofJenkins());
        assertEquals("bob", tally.rejectedBy());
        assertThrows(CommandFailedException.class, () -> digestOf(to));
    }

    @Test
    void aRoundThatTimesOutIsNoApprovalAndThePromotionIsRefused(JenkinsRule j) throws Exception {
        security(j);
        String to = ref("prod/app:timeout");
        WorkflowRun b = start(job(j, "timeout", "def gate = planPromotion(image: '" + ref("dev/app:1.0") + "', target: '"
                + to + "', environment: 'prod')\n"
                + "try { timeout(time: 2, unit: 'SECONDS') { approvePromotion(gate: gate.id) } } catch (e) {\n"
                + "  def g = promotionGate(gate: gate.id)\n"
                + "  echo \"AFTER TIMEOUT complete=${g.complete} approvers=${g.approvers.size()} missing=${g.missing}\"\n"
                + "}\n"
                + "promoteImage(image: gate.image, target: '" + to + "', approval: gate.id)\n"));

        j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));

        j.assertLogContains("AFTER TIMEOUT complete=false approvers=0 missing=1", b);
        assertThrows(CommandFailedException.class, () -> digestOf(to));
    }

    static List<String> labels(WorkflowRun b) {
        List<String> labels = new java.util.ArrayList<>();
        for (FlowNode node : new org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner().allNodes(b.getExecution())) {
            LabelAction label = node.getPersistentAction(LabelAction.class);
            if (label != null) {
                labels.add(label.getDisplayName());
            }
        }
        return labels;
    }
}
