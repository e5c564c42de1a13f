package io.jenkins.plugins.imagepromotion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.imagepromotion.config.ImagePromotionConfiguration;
import io.jenkins.plugins.imagepromotion.config.RegistryEntry;
import io.jenkins.plugins.imagepromotion.gate.ApprovePromotionStep;
import io.jenkins.plugins.imagepromotion.gate.PlanPromotionStep;
import io.jenkins.plugins.imagepromotion.gate.PromotionGateStep;
import io.jenkins.plugins.imagepromotion.steps.PromoteImageStep;
import io.jenkins.plugins.imagepromotion.steps.PublishImageStep;
import io.jenkins.plugins.imagepromotion.steps.ResolveImageDigestStep;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The config.jelly forms bind back to equal steps, and the Snippet Generator writes the expected Pipeline text. */
@WithJenkins
class SnippetGeneratorRoundTripTest {

    @Test
    void promoteImageSurvivesTheFormWithEveryFormField(JenkinsRule j) throws Exception {
        PromoteImageStep step = new PromoteImageStep("registry.example.com/app:1.0");
        step.setTarget("registry.example.com/app:staging");
        step.setCredentialsId("dev");
        step.setTargetCredentialsId("prod");
        step.setExpectCurrent("sha256:" + "a".repeat(64));
        step.setDryRun(true);
        step.setEnvironment("staging");
        step.setApprovedBy("alice");
        step.setApproval("Gate-staging-1a2b3c4d-1");

        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
    }

    @Test
    void theGateStepsSurviveTheFormAndTheSnippetGeneratorWritesTheirCalls(JenkinsRule j) throws Exception {
        PlanPromotionStep plan = new PlanPromotionStep("registry.example.com/app:1.0");
        plan.setTarget("registry.example.com/app:prod");
        plan.setEnvironment("prod");
        plan.setApprovals(2);
        plan.setSubmitters("alice,release-managers");
        plan.setForbidSelfApproval(true);
        plan.setAdminsCount(true);
        plan.setCredentialsId("dev");
        plan.setTargetCredentialsId("prod");
        j.assertEqualDataBoundBeans(plan, new StepConfigTester(j).configRoundTrip(plan));
        ApprovePromotionStep approve = new ApprovePromotionStep();
        approve.setGate("Gate-prod-1a2b3c4d-1");
        j.assertEqualDataBoundBeans(approve, new StepConfigTester(j).configRoundTrip(approve));

        SnippetizerTester snippets = new SnippetizerTester(j);
        PlanPromotionStep short_ = new PlanPromotionStep("registry.example.com/app:1.0");
        short_.setTarget("registry.example.com/app:prod");
        short_.setEnvironment("prod");
        short_.setApprovals(2);
        snippets.assertRoundTrip(short_, "planPromotion approvals: 2, environment: 'prod', "
                + "image: 'registry.example.com/app:1.0', target: 'registry.example.com/app:prod'");
        snippets.assertRoundTrip(approve, "approvePromotion gate: 'Gate-prod-1a2b3c4d-1'");
        PromotionGateStep gate = new PromotionGateStep();
        gate.setGate("Gate-prod-1a2b3c4d-1");
        snippets.assertRoundTrip(gate, "promotionGate gate: 'Gate-prod-1a2b3c4d-1'");
    }

    @Test
    void theSnippetGeneratorWritesTheStepCall(JenkinsRule j) throws Exception {
        PromoteImageStep promote = new PromoteImageStep("registry.example.com/app:1.0");
        promote.setTarget("registry.example.com/app:staging");
        promote.setExpectAbsent(true);
        SnippetizerTester snippets = new SnippetizerTester(j);
        snippets.assertRoundTrip(promote, "promoteImage expectAbsent: true, image: 'registry.example.com/app:1.0', "
                + "target: 'registry.example.com/app:staging'");

        ResolveImageDigestStep resolve = new ResolveImageDigestStep("registry.example.com/app:1.0");
        snippets.assertRoundTrip(resolve, "resolveImageDigest 'registry.example.com/app:1.0'");
        resolve.setCredentialsId("reg");
        snippets.assertRoundTrip(resolve, "resolveImageDigest credentialsId: 'reg', image: 'registry.example.com/app:1.0'");
    }

    @Test
    void publishImageSurvivesTheFormAndTheSnippetGeneratorWritesItsCall(JenkinsRule j) throws Exception {
        PublishImageStep step = new PublishImageStep("myapp:local", "registry.example.com/app:1f2e3d4");
        step.setCredentialsId("reg");
        step.setDockerHost("unix:///run/podman/podman.sock");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));

        SnippetizerTester snippets = new SnippetizerTester(j);
        snippets.assertRoundTrip(new PublishImageStep("myapp:local", "registry.example.com/app:1f2e3d4"),
                "publishImage image: 'myapp:local', target: 'registry.example.com/app:1f2e3d4'");
        snippets.assertRoundTrip(step, "publishImage credentialsId: 'reg', dockerHost: 'unix:///run/podman/podman.sock', "
                + "image: 'myapp:local', target: 'registry.example.com/app:1f2e3d4'");
    }

    @Test
    void theGlobalRegistriesSurviveTheConfigurationPage(JenkinsRule j) throws Exception {
        RegistryEntry entry = new RegistryEntry("registry.example.com:5000");
        entry.setCredentialsId("reg");
        entry.setInsecure(true);
        entry.setTokenUsername("ci");
        ImagePromotionConfiguration.get().setRegistries(List.of(entry));

        j.configRoundtrip();

        List<RegistryEntry> after = ImagePromotionConfiguration.get().getRegistries();
        assertEquals(1, after.size());
        j.assertEqualDataBoundBeans(entry, after.get(0));
    }
}
