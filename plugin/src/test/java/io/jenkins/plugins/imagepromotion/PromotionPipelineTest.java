package io.jenkins.plugins.imagepromotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.Secret;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import io.jenkins.plugins.imagepromotion.config.ImagePromotionConfiguration;
import io.jenkins.plugins.imagepromotion.config.RegistryEntry;
import io.jenkins.plugins.imagepromotion.model.PromotionAction;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
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
 * Both steps in real Pipelines against real docker-registry processes: a plain source registry and a target with
 * TLS from a private CA and htpasswd users, whose CA and default credentials come from the global configuration.
 * Needs the Jenkins Maven repository, so it runs only in the real build ({@code mvn -f plugin/pom.xml verify}).
 */
@WithJenkins
class PromotionPipelineTest {
    static final String SECRET = "Pr0moter-secret-value";

    static RegistryServer source;
    static RegistryServer target;
    static String caPem;
    static TestImage app;
    static TestImage hotfix;

    @BeforeAll
    static void registries(@TempDir Path dir) throws Exception {
        source = RegistryServer.startPlain(dir.resolve("source"));
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        caPem = Files.readString(tls.caCertificate());
        target = RegistryServer.startHtpasswdTls(dir.resolve("target"), tls, Map.of("promoter", SECRET));
        app = TestImages.oci(dir.resolve("app"), 3, 32 * 1024, 501);
        hotfix = TestImages.oci(dir.resolve("hotfix"), 2, 16 * 1024, 502);
        Skopeo.forRegistry(source).push(app, source.host() + "/dev/app:1.0");
        Skopeo.forRegistry(source).push(hotfix, source.host() + "/dev/app:1.1");
    }

    @AfterAll
    static void stop() {
        source.close();
        target.close();
    }

    static void configure(JenkinsRule j) throws Exception {
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "target-registry", "prod", "promoter", SECRET));
        RegistryEntry entry = new RegistryEntry(target.host());
        entry.setCredentialsId("target-registry");
        entry.setCaCertificate(caPem);
        ImagePromotionConfiguration.get().setRegistries(List.of(entry));
    }

    WorkflowRun run(JenkinsRule j, String script, Result expected) throws Exception {
        return PipelineBuilds.run(j, "p", script, expected);
    }

    static String targetDigest(String reference) {
        return Skopeo.forRegistry(target).digest(reference);
    }

    static void assertSecretNowhereOnDisk(WorkflowRun build) throws IOException {
        PipelineBuilds.assertNowhereOnDisk(SECRET, build);
    }

    @Test
    void resolveThenPromoteOnAnAgentWithDefaultCredentials(JenkinsRule j) throws Exception {
        configure(j);
        j.createOnlineSlave(Label.get("promoter"));
        String to = target.host() + "/prod/app:staging";

        WorkflowRun build = run(j, "node('promoter') {\n"
                + "  def pinned = resolveImageDigest image: '" + source.host() + "/dev/app:1.0'\n"
                + "  def result = promoteImage image: pinned, target: '" + to + "', environment: 'staging', approvedBy: 'alice'\n"
                + "  echo \"staging now runs ${result.digest}\"\n"
                + "  echo \"changed=${result.changed} previous=${result.targets[0].previousDigest} copied=${result.blobsCopied}\"\n"
                + "}", Result.SUCCESS);

        assertEquals(app.digest(), targetDigest(to));
        j.assertLogContains("Running on slave", build);
        j.assertLogContains("Registry " + target.host() + ": credentials 'target-registry'", build);
        j.assertLogContains(to + " -> " + app.digest() + " (verified)", build);
        j.assertLogContains("staging now runs " + app.digest(), build);
        j.assertLogContains("Ledger: recorded " + to + " in environment staging (record sha256:", build);
        j.assertLogContains("changed=true previous=null copied=", build);
        j.assertLogNotContains(SECRET, build);
        assertSecretNowhereOnDisk(build);

        PromotionAction action = build.getAction(PromotionAction.class);
        assertNotNull(action);
        PromotionRecord record = action.getRecords().get(0);
        assertEquals(source.host() + "/dev/app@" + app.digest(), record.getPinnedSource());
        assertEquals("staging", record.getEnvironment());
        assertEquals("alice", record.getApprovedBy());
        assertEquals(to, record.getTargets().get(0).getReference());
    }

    @Test
    void outsideNodeTheControllerPromotesWithAnExplicitTokenCredential(JenkinsRule j) throws Exception {
        configure(j);
        // A secret text is sent as the password of the registry's token user.
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "token", "token", Secret.fromString(SECRET)));
        RegistryEntry entry = ImagePromotionConfiguration.get().getRegistries().get(0);
        entry.setTokenUsername("promoter");
        ImagePromotionConfiguration.get().setRegistries(List.of(entry));
        String to = target.host() + "/prod/app:qa";

        WorkflowRun build = run(j, "def r = promoteImage image: '" + source.host() + "/dev/app:1.0', targets: ['" + to
                + "'], targetCredentialsId: 'token'\necho \"moved=${r.changed}\"", Result.SUCCESS);

        assertEquals(app.digest(), targetDigest(to));
        j.assertLogContains("credentials 'token'", build);
        j.assertLogContains("moved=true", build);
        assertSecretNowhereOnDisk(build);
    }

    @Test
    void aFailedPreconditionIsOneLineWithoutStackTraceAndMovesNothing(JenkinsRule j) throws Exception {
        configure(j);
        String to = target.host() + "/prod/app:release";
        run(j, "promoteImage image: '" + source.host() + "/dev/app:1.0', target: '" + to + "'", Result.SUCCESS);

        WorkflowRun build = run(j, "promoteImage image: '" + source.host() + "/dev/app:1.1', target: '" + to
                + "', expectAbsent: true", Result.FAILURE);

        j.assertLogContains("precondition failed: ", build);
        j.assertLogNotContains("\tat io.jenkins.plugins", build);
        j.assertLogNotContains("AbortException", build);
        assertEquals(app.digest(), targetDigest(to));
    }

    @Test
    void badArgumentsAndUnknownCredentialsFailBeforeAnyRegistryRequest(JenkinsRule j) throws Exception {
        configure(j);
        WorkflowRun noTag = run(j, "promoteImage image: '" + source.host() + "/dev/app', target: '" + target.host()
                + "/prod/app:x'", Result.FAILURE);
        j.assertLogContains("names no tag or digest", noTag);

        WorkflowRun unknown = run(j, "resolveImageDigest image: '" + source.host() + "/dev/app:1.0', credentialsId: 'nope'",
                Result.FAILURE);
        j.assertLogContains("could not find credentials 'nope' for " + source.host() + " (from the step's credentialsId)", unknown);
    }

    @Test
    void theStepNodeIsLabelledWithTheShortLabel(JenkinsRule j) throws Exception {
        configure(j);
        String to = target.host() + "/prod/app:label";
        WorkflowRun build = run(j, "promoteImage image: '" + source.host() + "/dev/app@" + app.digest() + "', target: '" + to
                + "'", Result.SUCCESS);

        FlowNode node = new DepthFirstScanner().findFirstMatch(build.getExecution(), new NodeStepTypePredicate("promoteImage"));
        assertNotNull(node);
        assertEquals("app@" + app.digest().substring(0, 19) + " \u2192 app:label", ArgumentsAction.getStepArgumentsAsString(node));
    }
}
