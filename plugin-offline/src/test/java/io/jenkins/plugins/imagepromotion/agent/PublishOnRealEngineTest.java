package io.jenkins.plugins.imagepromotion.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.AbortException;
import io.imagepromotion.testkit.CommandFailedException;
import io.imagepromotion.testkit.PodmanService;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import io.jenkins.plugins.imagepromotion.args.PublishArguments;
import io.jenkins.plugins.imagepromotion.config.RegistrySettings;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import io.jenkins.plugins.imagepromotion.model.PublishOutcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent side of {@code publishImage} (task plus callable wrapper) against a real podman system service and a
 * real docker-registry with TLS from a private CA and htpasswd users. skopeo checks what the registry serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishOnRealEngineTest {
    static final String SECRET = "Pu5her-secret-value";
    static final String LOCAL = "localhost/myapp:local";

    RegistryServer registry;
    Skopeo skopeo;
    String caPem;
    PodmanService engine;
    TestImage built;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        assumeTrue(PodmanService.available(), "needs podman and skopeo");
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        caPem = Files.readString(tls.caCertificate());
        registry = RegistryServer.startHtpasswdTls(dir.resolve("registry"), tls, Map.of("pusher", SECRET));
        skopeo = Skopeo.forRegistry(registry);
        engine = PodmanService.start(dir.resolve("podman"), List.of(registry.host()));
        built = TestImages.oci(dir.resolve("layout"), 2, 24 * 1024, 401);
        engine.importLayout(built.layout(), built.tag(), LOCAL);
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    RegistryAccess access(String password) {
        return RegistryAccess.of(Map.of(registry.host(), RegistryCredentialSnapshot.usernamePassword("push", "pusher", password)),
                List.of(RegistrySettings.of(registry.host(), "push", caPem, false, null)));
    }

    @Test
    void theLocalImageIsPushedAndPinnedToTheDigestTheRegistryServes() throws Exception {
        CapturedLog log = new CapturedLog();
        String target = registry.host() + "/team/app:c0ffee1";
        PublishArguments args = PublishArguments.of(LOCAL, target, null, Map.of("DOCKER_HOST", engine.dockerHost()));

        PublishOutcome outcome = new PublishOnAgent(args, access(SECRET), log.listener).call();

        String served = skopeo.digest(target);
        assertEquals(registry.host() + "/team/app@" + served, outcome.pinnedReference());
        assertEquals(served, outcome.digest());
        assertEquals(LOCAL, outcome.localImage());
        assertTrue(outcome.localImageId().startsWith("sha256:"), outcome.localImageId());
        String text = log.text();
        assertTrue(text.contains("Docker engine at " + engine.dockerHost() + " (from DOCKER_HOST): Podman Engine"), text);
        assertTrue(text.contains("Tagged local image " + LOCAL + " (sha256:"), text);
        assertTrue(text.contains("Registry serves " + target + " as " + served), text);
        assertTrue(text.strip().endsWith("Published " + outcome.pinnedReference()), text);
        assertFalse(text.contains(SECRET), text);

        // The outcome travels back from the agent by Java serialization.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(outcome);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(outcome.pinnedReference(), ((PublishOutcome) in.readObject()).pinnedReference());
        }
    }

    @Test
    void theStepsDockerHostWinsOverTheAgentsDockerHost() throws Exception {
        CapturedLog log = new CapturedLog();
        String target = registry.host() + "/team/app:explicit";
        PublishArguments args = PublishArguments.of(LOCAL, target, engine.dockerHost(),
                Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));

        PublishOutcome outcome = new PublishOnAgent(args, access(SECRET), log.listener).call();

        assertEquals(skopeo.digest(target), outcome.digest());
        assertTrue(log.text().contains("(from dockerHost)"), log.text());
    }

    @Test
    void withoutAnEngineTheStepFailsWithOneLine() {
        PublishArguments args = PublishArguments.of(LOCAL, registry.host() + "/team/app:noengine", null,
                Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));
        AbortException e = assertThrows(AbortException.class,
                () -> new PublishOnAgent(args, access(SECRET), new CapturedLog().listener).call());
        assertTrue(e.getMessage().startsWith("no Docker engine at unix:///nonexistent/docker.sock (from DOCKER_HOST)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aMissingLocalImageFailsWithOneLineAndPushesNothing() {
        String target = registry.host() + "/team/app:missing";
        PublishArguments args = PublishArguments.of("localhost/never-built:1", target, engine.dockerHost(), Map.of());
        AbortException e = assertThrows(AbortException.class,
                () -> new PublishOnAgent(args, access(SECRET), new CapturedLog().listener).call());
        assertTrue(e.getMessage().contains("local image 'localhost/never-built:1' not found"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertThrows(CommandFailedException.class, () -> skopeo.digest(target));
    }

    @Test
    void aRefusedPushFailsWithOneLineNamingNeitherPassword() {
        String wrong = "not-the-" + SECRET;
        String target = registry.host() + "/team/app:refused";
        CapturedLog log = new CapturedLog();
        PublishArguments args = PublishArguments.of(LOCAL, target, engine.dockerHost(), Map.of());
        AbortException e = assertThrows(AbortException.class, () -> new PublishOnAgent(args, access(wrong), log.listener).call());

        assertTrue(e.getMessage().contains(target), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        String everything = e.getMessage() + log.text();
        assertFalse(everything.contains(SECRET), everything);
        assertFalse(everything.contains(wrong), everything);
        assertThrows(CommandFailedException.class, () -> skopeo.digest(target));
    }
}
