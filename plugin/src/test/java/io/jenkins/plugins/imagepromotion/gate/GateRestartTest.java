package io.jenkins.plugins.imagepromotion.gate;

import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.approve;
import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.job;
import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.pendingRound;
import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.security;
import static io.jenkins.plugins.imagepromotion.gate.GatePipelines.start;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The gate across a controller restart: the binding (build.xml), the first round's evidence (its node) and the
 * pending second round (input's own program.dat state) come back; the promotion after it verifies all of them.
 */
class GateRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    static RegistryServer registry;
    static TestImage app;

    @BeforeAll
    static void registry(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        app = TestImages.oci(dir.resolve("app"), 2, 16 * 1024, 801);
        Skopeo.forRegistry(registry).push(app, registry.host() + "/dev/app:1.0");
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void anApprovalBeforeARestartCountsAfterItAndThePromotionGoesThrough() throws Throwable {
        String to = registry.host() + "/prod/app:restart";
        sessions.then(j -> {
            security(j);
            WorkflowRun b = start(job(j, "restart", "def gate = planPromotion(image: '" + registry.host()
                    + "/dev/app:1.0', target: '" + to + "', environment: 'prod', approvals: 2)\n"
                    + "while (!promotionGate(gate: gate.id).complete) { approvePromotion(gate: gate.id) }\n"
                    + "def r = promoteImage(image: gate.image, target: '" + to + "', approval: gate.id)\n"
                    + "echo \"APPROVALS ${r.approvals.collect { it.user + '/' + it.authority }}\"\n"));
            approve(j, b, 1, "alice");
            pendingRound(b, 2);
        });
        sessions.then(j -> {
            security(j);
            WorkflowRun b = j.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
            approve(j, b, 2, "bob");
            j.assertBuildStatusSuccess(j.waitForCompletion(b));

            j.assertLogContains("APPROVALS [alice/jenkins, bob/jenkins]", b);
            assertEquals(app.digest(), Skopeo.forRegistry(registry).digest(to));
        });
    }
}
