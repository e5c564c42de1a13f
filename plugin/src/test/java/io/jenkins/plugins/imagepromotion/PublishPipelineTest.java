package io.jenkins.plugins.imagepromotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Label;
import hudson.model.Result;
import io.imagepromotion.testkit.CommandFailedException;
import io.imagepromotion.testkit.PodmanService;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import io.jenkins.plugins.imagepromotion.config.ImagePromotionConfiguration;
import io.jenkins.plugins.imagepromotion.config.RegistryEntry;
import io.jenkins.plugins.imagepromotion.model.PromotionAction;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import io.jenkins.plugins.imagepromotion.model.PublishRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.ArgumentsAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.graphanalysis.NodeStepTypePredicate;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code publishImage} in real Pipelines on an agent: a real podman system service as the Docker-compatible engine
 * (skipped where podman or skopeo is missing) and a real docker-registry with TLS from a private CA and htpasswd
 * users, whose CA comes from the global configuration. Needs the Jenkins Maven repository, so it runs only in the
 * real build ({@code mvn -f plugin/pom.xml verify}).
 */
@WithJenkins
class PublishPipelineTest {
    static final String SECRET = "Pu5her-secret-value";
    static final String LOCAL = "localhost/myapp:local";

    static RegistryServer registry;
    static String caPem;
    static PodmanService engine;
    static TestImage built;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        if (!PodmanService.available()) {
            return;
        }
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        caPem = Files.readString(tls.caCertificate());
        registry = RegistryServer.startHtpasswdTls(dir.resolve("registry"), tls, Map.of("pusher", SECRET));
        engine = PodmanService.start(dir.resolve("podman"), List.of(registry.host()));
        built = TestImages.oci(dir.resolve("layout"), 2, 32 * 1024, 601);
        engine.importLayout(built.layout(), built.tag(), LOCAL);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static void requireEngine() {
        assumeTrue(engine != null, "needs podman and skopeo for a Docker-compatible engine");
    }

    static void configure(JenkinsRule j, String password) throws Exception {
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "push-registry", "push", "pusher", password));
        RegistryEntry entry = new RegistryEntry(registry.host());
        entry.setCaCertificate(caPem);
        ImagePromotionConfiguration.get().setRegistries(List.of(entry));
    }

    WorkflowRun run(JenkinsRule j, String script, Result expected) throws Exception {
        return PipelineBuilds.run(j, "publish", script, expected);
    }

    static void assertSecretNowhereOnDisk(WorkflowRun build) throws IOException {
        PipelineBuilds.assertNowhereOnDisk(SECRET, build);
    }

    @Test
    void publishOnAnAgentReturnsThePinnedDigestThatIsThenPromotedAndRecordsItsOrigin(JenkinsRule j) throws Exception {
        requireEngine();
        configure(j, SECRET);
        j.createOnlineSlave(Label.get("builder"));
        String target = registry.host() + "/team/app:b1";
        String dev = registry.host() + "/team/app:dev";

        WorkflowRun build = run(j, "node('builder') {\n"
                + "  withEnv(['DOCKER_HOST=" + engine.dockerHost() + "']) {\n"
                + "    def pinned = publishImage image: '" + LOCAL + "', target: '" + target + "', credentialsId: 'push-registry'\n"
                + "    echo \"pinned=${pinned}\"\n"
                + "    promoteImage image: pinned, target: '" + dev + "', credentialsId: 'push-registry'\n"
                + "  }\n"
                + "}", Result.SUCCESS);

        String served = Skopeo.forRegistry(registry).digest(target);
        String pinned = registry.host() + "/team/app@" + served;
        assertEquals(served, Skopeo.forRegistry(registry).digest(dev));
        j.assertLogContains("Running on slave", build);
        j.assertLogContains("Registry " + registry.host() + ": credentials 'push-registry'", build);
        j.assertLogContains("Docker engine at " + engine.dockerHost() + " (from DOCKER_HOST): Podman Engine", build);
        j.assertLogContains("Published " + pinned, build);
        j.assertLogContains("pinned=" + pinned, build);
        j.assertLogNotContains(SECRET, build);
        assertSecretNowhereOnDisk(build);

        PromotionAction action = build.getAction(PromotionAction.class);
        assertNotNull(action);
        PublishRecord origin = action.getOrigins().get(0);
        assertEquals(target, origin.getTarget());
        assertEquals(pinned, origin.getPinnedReference());
        assertEquals(LOCAL, origin.getLocalImage());
        assertTrue(origin.getLocalImageId().startsWith("sha256:"), origin.getLocalImageId());
        PromotionRecord promotion = action.getRecords().get(0);
        assertEquals(pinned, promotion.getPinnedSource());
        assertSame(origin, action.originOf(promotion.getDigest()));

        String page = j.createWebClient().getPage(build).getWebResponse().getContentAsString();
        assertTrue(page.contains(pinned), "build page shows the pinned reference");
        assertTrue(page.contains("published by this build from local image"), "build page links the promotion to its origin");

        FlowNode node = new DepthFirstScanner().findFirstMatch(build.getExecution(), new NodeStepTypePredicate("publishImage"));
        assertNotNull(node);
        assertEquals(LOCAL + " \u2192 app:b1", ArgumentsAction.getStepArgumentsAsString(node));
    }

    @Test
    void theStepsDockerHostIsUsedWhenGiven(JenkinsRule j) throws Exception {
        requireEngine();
        configure(j, SECRET);
        j.createOnlineSlave(Label.get("builder"));
        String target = registry.host() + "/team/app:b2";

        WorkflowRun build = run(j, "node('builder') {\n"
                + "  withEnv(['DOCKER_HOST=unix:///nonexistent/docker.sock']) {\n"
                + "    echo(publishImage(image: '" + LOCAL + "', target: '" + target + "', credentialsId: 'push-registry',"
                + " dockerHost: '" + engine.dockerHost() + "'))\n"
                + "  }\n"
                + "}", Result.SUCCESS);

        j.assertLogContains("(from dockerHost)", build);
        j.assertLogContains(registry.host() + "/team/app@" + Skopeo.forRegistry(registry).digest(target), build);
    }

    @Test
    void userErrorsFailTheStepWithOneLineAndNoStackTrace(JenkinsRule j) throws Exception {
        requireEngine();
        configure(j, SECRET);
        j.createOnlineSlave(Label.get("builder"));
        String target = registry.host() + "/team/app:errors";

        WorkflowRun missing = run(j, "node('builder') { publishImage image: 'localhost/never-built:1', target: '" + target
                + "', credentialsId: 'push-registry', dockerHost: '" + engine.dockerHost() + "' }", Result.FAILURE);
        j.assertLogContains("local image 'localhost/never-built:1' not found in the engine at " + engine.dockerHost(), missing);
        j.assertLogNotContains("\tat io.jenkins.plugins", missing);
        j.assertLogNotContains("AbortException", missing);

        WorkflowRun noEngine = run(j, "node('builder') { publishImage image: '" + LOCAL + "', target: '" + target
                + "', dockerHost: 'unix:///nonexistent/docker.sock' }", Result.FAILURE);
        j.assertLogContains("no Docker engine at unix:///nonexistent/docker.sock (from dockerHost)", noEngine);
        j.assertLogNotContains("\tat io.jenkins.plugins", noEngine);

        WorkflowRun badTarget = run(j, "node('builder') { publishImage image: '" + LOCAL + "', target: '"
                + registry.host() + "/team/app' }", Result.FAILURE);
        j.assertLogContains("names no tag", badTarget);

        assertThrows(CommandFailedException.class, () -> Skopeo.forRegistry(registry).digest(target));
    }

    @Test
    void aRefusedPushNamesTheRegistryButNeverThePassword(JenkinsRule j) throws Exception {
        requireEngine();
        String wrong = "not-the-" + SECRET;
        configure(j, wrong);
        j.createOnlineSlave(Label.get("builder"));
        String target = registry.host() + "/team/app:refused";

        WorkflowRun build = run(j, "node('builder') { publishImage image: '" + LOCAL + "', target: '" + target
                + "', credentialsId: 'push-registry', dockerHost: '" + engine.dockerHost() + "' }", Result.FAILURE);

        j.assertLogContains("the push of " + target + " failed", build);
        j.assertLogNotContains(wrong, build);
        j.assertLogNotContains("\tat io.jenkins.plugins", build);
        assertSecretNowhereOnDisk(build);
        assertNull(build.getAction(PromotionAction.class));
        assertThrows(CommandFailedException.class, () -> Skopeo.forRegistry(registry).digest(target));
    }

    @Test
    void outsideANodeBlockTheStepIsRefusedBeforeItStarts(JenkinsRule j) throws Exception {
        WorkflowRun build = run(j, "publishImage image: 'myapp:local', target: 'registry.example.com/team/app:1'",
                Result.FAILURE);
        j.assertLogContains("hudson.Launcher is missing", build);
    }
}
