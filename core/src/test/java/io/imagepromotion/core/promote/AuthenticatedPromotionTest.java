package io.imagepromotion.core.promote;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.error.AccessDeniedException;
import io.imagepromotion.core.error.AuthenticationException;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.error.TransportException;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import io.imagepromotion.testkit.TokenServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticatedPromotionTest {
    static final String SECRET = "s3cret-Pa55word";
    TestCertificates tls;
    RegistryServer basicTls;
    TokenServer tokens;
    RegistryServer tokenRegistry;
    TestImage image;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tls = TestCertificates.create(dir.resolve("tls"));
        basicTls = RegistryServer.startHtpasswdTls(dir.resolve("basic"), tls, Map.of("promoter", SECRET));
        tokens = TokenServer.start(dir.resolve("tokens"), Map.of(
                "promoter", new TokenServer.TokenUser(SECRET, Set.of("pull", "push")),
                "reader", new TokenServer.TokenUser("r3ad-only", Set.of("pull"))));
        tokenRegistry = RegistryServer.startTokenAuth(dir.resolve("token"), tokens);
        image = TestImages.oci(dir.resolve("image"), 3, 32 * 1024, 61);
        Skopeo.forRegistry(basicTls).withCredentials("promoter", SECRET).push(image, basicTls.host() + "/dev/app:1");
        Skopeo.forRegistry(tokenRegistry).withCredentials("promoter", SECRET).push(image, tokenRegistry.host() + "/dev/app:1");
    }

    @AfterAll
    void stop() {
        basicTls.close();
        tokenRegistry.close();
        tokens.close();
    }

    private TransportSettings.Builder settings(RegistryServer registry, String user, String password) {
        return TransportSettings.builder().credentials(StaticCredentials.single(registry.host(), Credential.usernamePassword(user, password)));
    }

    private PromotionResult promote(TransportSettings settings, String source, String target) {
        try (ImagePromoter promoter = new ImagePromoter(settings, PromotionListener.SILENT)) {
            return promoter.promote(PromotionRequest.builder(ImageReference.parse(source)).target(ImageReference.parse(target)).build());
        }
    }

    @Test
    void basicAuthOverTlsWithTheRegistryCaMountsAcrossRepositories() throws Exception {
        TransportSettings s = settings(basicTls, "promoter", SECRET).caCertificateFile(tls.caCertificate()).build();
        PromotionResult result = promote(s, basicTls.host() + "/dev/app:1", basicTls.host() + "/prod/app:1");
        assertEquals(image.blobDigests().size(), result.blobsMounted());
        assertEquals(image.digest(), Skopeo.forRegistry(basicTls).withCredentials("promoter", SECRET).digest(basicTls.host() + "/prod/app:1"));
    }

    @Test
    void tlsWithoutTheRightCaFailsAndSaysWhatToDo() {
        TransportSettings s = settings(basicTls, "promoter", SECRET).build();
        TransportException e = assertThrows(TransportException.class,
                () -> promote(s, basicTls.host() + "/dev/app:1", basicTls.host() + "/prod/app:untrusted"));
        assertTrue(e.getMessage().contains("--ca-cert"), e.getMessage());
        assertNoSecret(e);
        assertTrue(basicTls.tagDigestOnDisk("prod/app", "untrusted").isEmpty());
    }

    @Test
    void anInsecureRegistryNameAllowsUnverifiedTls() {
        TransportSettings s = settings(basicTls, "promoter", SECRET).insecureRegistry(basicTls.host()).build();
        PromotionResult result = promote(s, basicTls.host() + "/dev/app:1", basicTls.host() + "/dev/app:insecure-ok");
        assertEquals(image.digest(), result.digest().toString());
    }

    @Test
    void wrongPasswordIsAnAuthenticationErrorWithoutTheSecret() {
        TransportSettings s = settings(basicTls, "promoter", "wrong-" + SECRET).caCertificateFile(tls.caCertificate()).build();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> promote(s, basicTls.host() + "/dev/app:1", basicTls.host() + "/prod/app:denied"));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains(basicTls.host()), e.getMessage());
        assertNoSecret(e);
        assertTrue(basicTls.tagDigestOnDisk("prod/app", "denied").isEmpty());
    }

    @Test
    void tokenAuthPromotesAcrossRepositoriesWithOneTokenRequest() {
        int before = tokens.requests().size();
        TransportSettings s = settings(tokenRegistry, "promoter", SECRET).blobConcurrency(4).build();
        PromotionResult result = promote(s, tokenRegistry.host() + "/dev/app:1", tokenRegistry.host() + "/prod/app:1");

        assertEquals(image.blobDigests().size(), result.blobsMounted());
        var requests = tokens.requests().subList(before, tokens.requests().size());
        assertEquals(1, requests.size(), "one token for the whole promotion, not one per blob: " + requests);
        assertTrue(requests.get(0).scopes().contains("repository:prod/app:pull,push"), requests.toString());
        assertTrue(requests.get(0).scopes().contains("repository:dev/app:pull"), requests.toString());
        assertEquals(image.digest(), Skopeo.forRegistry(tokenRegistry).withCredentials("promoter", SECRET)
                .digest(tokenRegistry.host() + "/prod/app:1"));
    }

    @Test
    void aPullOnlyUserIsDeniedThePushAndTheTargetStaysAbsent() {
        TransportSettings s = settings(tokenRegistry, "reader", "r3ad-only").build();
        ImagePromotionException e = assertThrows(ImagePromotionException.class,
                () -> promote(s, tokenRegistry.host() + "/dev/app:1", tokenRegistry.host() + "/prod/app:reader"));
        assertTrue(e instanceof AccessDeniedException, e.getClass() + ": " + e.getMessage());
        assertTrue(tokenRegistry.tagDigestOnDisk("prod/app", "reader").isEmpty());
    }

    @Test
    void wrongTokenPasswordIsAnAuthenticationError() {
        TransportSettings s = settings(tokenRegistry, "promoter", "nope").build();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> promote(s, tokenRegistry.host() + "/dev/app:1", tokenRegistry.host() + "/prod/app:bad"));
        assertFalse(e.getMessage().contains("nope"));
    }

    private static void assertNoSecret(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(SECRET), "secret in exception: " + trace);
    }
}
