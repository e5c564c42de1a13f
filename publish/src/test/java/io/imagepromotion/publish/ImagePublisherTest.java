package io.imagepromotion.publish;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.PodmanService;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import io.imagepromotion.testkit.TokenServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing through a real podman system service to real registries: plain, htpasswd over TLS, token auth. */
class ImagePublisherTest {
    private static final String LOCAL = "localhost/myapp:local";
    private static final String HTPASSWD_USER = "ci";
    private static final String HTPASSWD_PASSWORD = "correct-horse-9";

    @TempDir
    static Path dir;

    static RegistryServer plain;
    static RegistryServer htpasswd;
    static TokenServer tokens;
    static RegistryServer tokenRegistry;
    static PodmanService podman;
    static DockerHost engine;
    static TestImage built;

    @BeforeAll
    static void startServers() throws IOException {
        plain = RegistryServer.startPlain(dir.resolve("plain"));
        htpasswd = RegistryServer.startHtpasswdTls(dir.resolve("htpasswd"), TestCertificates.create(dir.resolve("tls")),
                Map.of(HTPASSWD_USER, HTPASSWD_PASSWORD));
        tokens = TokenServer.start(dir.resolve("tokens"), Map.of(
                "pusher", new TokenServer.TokenUser("pusher-pw", Set.of("pull", "push")),
                "reader", new TokenServer.TokenUser("reader-pw", Set.of("pull"))));
        tokenRegistry = RegistryServer.startTokenAuth(dir.resolve("token-registry"), tokens);
        podman = PodmanService.start(dir.resolve("podman"), List.of(plain.host(), htpasswd.host(), tokenRegistry.host()));
        engine = DockerHost.parse(podman.dockerHost(), "test podman service");
        built = TestImages.oci(dir.resolve("layout"), 2, 32 * 1024, 7);
        podman.importLayout(built.layout(), built.tag(), LOCAL);
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable c : new AutoCloseable[] {podman, tokenRegistry, tokens, htpasswd, plain}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the others must still be stopped
            }
        }
    }

    private static PublishResult publish(String localImage, String target, TransportSettings settings, List<String> log) {
        PublishListener listener = new PublishListener() {
            @Override
            public void pushStatus(String line) {
                log.add(line);
            }
        };
        return new ImagePublisher(settings, listener).publish(PublishRequest.of(localImage, target, engine));
    }

    @Test
    void publishedDigestIsTheOneTheRegistryServes() {
        List<String> log = new ArrayList<>();
        String target = plain.host() + "/team/app:3f2a9c1";
        PublishResult result = publish("myapp:local", target, TransportSettings.defaults(), log);

        String served = Skopeo.forRegistry(plain).digest(target);
        assertEquals(served, result.digest().toString());
        assertEquals(plain.host() + "/team/app@" + served, result.pinned().toString());
        assertEquals(served, Skopeo.forRegistry(plain).digest(result.pinned().toString()));
        assertEquals(served, plain.tagDigestOnDisk("team/app", "3f2a9c1").orElseThrow());
        // podman names the digest only in the stream's status text; it must agree with the registry.
        assertEquals(result.digest(), result.engineReportedDigest());
        assertTrue(log.stream().anyMatch(l -> l.contains("digest: " + served)), log::toString);
        assertTrue(result.localImageId().endsWith(Digest.parse(configDigest()).hex()), result.localImageId());
    }

    /** The image ID podman gives an image is its config digest. */
    private static String configDigest() {
        String manifest = new String(built.manifestBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int config = manifest.indexOf("\"config\"");
        int digest = manifest.indexOf("sha256:", config);
        return manifest.substring(digest, digest + 71);
    }

    @Test
    void publishesWithCredentialsToAnHtpasswdRegistry() {
        String target = htpasswd.host() + "/team/app:build-17";
        TransportSettings settings = TransportSettings.builder()
                .credentials(StaticCredentials.single(htpasswd.host(), Credential.usernamePassword(HTPASSWD_USER, HTPASSWD_PASSWORD)))
                .caCertificateFile(htpasswd.tls().orElseThrow().caCertificate())
                .build();
        PublishResult result = publish(LOCAL, target, settings, new ArrayList<>());

        assertEquals(Skopeo.forRegistry(htpasswd).digest(target), result.digest().toString());
        assertEquals(result.digest().toString(), htpasswd.tagDigestOnDisk("team/app", "build-17").orElseThrow());
    }

    @Test
    void wrongPasswordFailsClearlyAndLeavesNoTag() {
        String target = htpasswd.host() + "/rejected/app:build-18";
        TransportSettings settings = TransportSettings.builder()
                .credentials(StaticCredentials.single(htpasswd.host(), Credential.usernamePassword(HTPASSWD_USER, "wrong-pw-4711")))
                .caCertificateFile(htpasswd.tls().orElseThrow().caCertificate())
                .build();
        PushFailedException e = assertThrows(PushFailedException.class,
                () -> publish(LOCAL, target, settings, new ArrayList<>()));
        System.out.println(e.getMessage());

        assertEquals(ErrorKind.FAILURE, e.kind());
        assertTrue(e.getMessage().contains("refused the credentials for " + htpasswd.host()), e.getMessage());
        assertNotNull(e.engineMessage());
        assertFalse(e.getMessage().contains("wrong-pw-4711"), e.getMessage());
        assertTrue(htpasswd.tagDigestOnDisk("rejected/app", "build-18").isEmpty());
        assertTrue(htpasswd.accessLog().stream().noneMatch(r -> r.toString().contains("/v2/rejected/app/manifests/")
                && r.toString().contains("PUT")), "no manifest PUT may have reached the registry");
    }

    @Test
    void pullOnlyUserIsRefusedTheDeniedPushLeavesNoTag() {
        String target = tokenRegistry.host() + "/team/app:build-19";
        TransportSettings settings = TransportSettings.builder()
                .credentials(StaticCredentials.single(tokenRegistry.host(), Credential.usernamePassword("reader", "reader-pw")))
                .build();
        PushFailedException e = assertThrows(PushFailedException.class,
                () -> publish(LOCAL, target, settings, new ArrayList<>()));
        System.out.println(e.getMessage());

        assertTrue(e.getMessage().contains("the push of " + target + " failed"), e.getMessage());
        assertTrue(tokenRegistry.tagDigestOnDisk("team/app", "build-19").isEmpty());
    }

    @Test
    void tokenAuthPushWithPushRightSucceeds() {
        String target = tokenRegistry.host() + "/team/app:build-20";
        TransportSettings settings = TransportSettings.builder()
                .credentials(StaticCredentials.single(tokenRegistry.host(), Credential.usernamePassword("pusher", "pusher-pw")))
                .build();
        PublishResult result = publish(LOCAL, target, settings, new ArrayList<>());

        assertEquals(result.digest().toString(), tokenRegistry.tagDigestOnDisk("team/app", "build-20").orElseThrow());
    }

    @Test
    void missingLocalImageIsReportedByName() {
        String target = plain.host() + "/team/missing:1";
        LocalImageNotFoundException e = assertThrows(LocalImageNotFoundException.class,
                () -> publish("nosuchimage:local", target, TransportSettings.defaults(), new ArrayList<>()));
        System.out.println(e.getMessage());

        assertEquals("nosuchimage:local", e.localImage());
        assertTrue(e.getMessage().contains("local image 'nosuchimage:local' not found in the engine at "
                + engine), e.getMessage());
        assertTrue(plain.tagDigestOnDisk("team/missing", "1").isEmpty());
    }

    @Test
    void unreachableRegistryFailsInsideTheStream() throws IOException {
        // A registry that is gone by the time of the push: podman answers 200, then reports the error in the stream.
        RegistryServer gone = RegistryServer.startPlain(dir.resolve("gone"));
        String target = gone.host() + "/team/app:1";
        gone.close();
        PushFailedException e = assertThrows(PushFailedException.class,
                () -> publish(LOCAL, target, TransportSettings.defaults(), new ArrayList<>()));
        System.out.println(e.getMessage());

        assertTrue(e.getMessage().contains("cannot reach " + gone.host()), e.getMessage());
    }

    @Test
    void publishingTheSameImageAgainKeepsTheDigest() {
        String target = plain.host() + "/team/again:1";
        PublishResult first = publish(LOCAL, target, TransportSettings.defaults(), new ArrayList<>());
        PublishResult second = publish(LOCAL, target, TransportSettings.defaults(), new ArrayList<>());

        assertEquals(first.digest(), second.digest());
        assertEquals(ImageReference.parse(target).withDigest(first.digest()), second.pinned());
    }
}
