package io.jenkins.plugins.imagepromotion.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.imagepromotion.core.error.RegistryException;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.config.RegistrySettings;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sentinel password through the failing paths of the agent side, against real docker-registry processes: wrong
 * password, refused compare-and-set, TLS failure, and an error text echoing the Authorization header and a URL with
 * user info. The build log and the failure's message never hold the password nor its Base64 user:pass form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentinelSecretTest {
    static final String SENTINEL = "S3ntinel-Pa55word-4f1c";
    static final String BASIC = Base64.getEncoder().withoutPadding()
            .encodeToString(("promoter:" + SENTINEL).getBytes(StandardCharsets.UTF_8));

    RegistryServer source;
    RegistryServer target;
    String caPem;
    TestImage app;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        source = RegistryServer.startPlain(dir.resolve("source"));
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        caPem = Files.readString(tls.caCertificate());
        target = RegistryServer.startHtpasswdTls(dir.resolve("target"), tls, Map.of("promoter", SENTINEL));
        app = TestImages.oci(dir.resolve("app"), 2, 16 * 1024, 411);
        TestImage other = TestImages.oci(dir.resolve("other"), 1, 8 * 1024, 412);
        Skopeo.forRegistry(source).push(app, source.host() + "/dev/app:1.0");
        Skopeo.forRegistry(target).push(other, target.host() + "/prod/app:live");
    }

    @AfterAll
    void stop() {
        source.close();
        target.close();
    }

    RegistryAccess access(String password, String ca) {
        return RegistryAccess.of(Map.of(target.host(), RegistryCredentialSnapshot.usernamePassword("prod", "promoter", password)),
                List.of(RegistrySettings.of(target.host(), "prod", ca, false, null)));
    }

    static void assertNoSentinel(String text) {
        assertFalse(text.contains(SENTINEL), text);
        assertFalse(text.contains(BASIC), text);
    }

    String failWith(RegistryCallable<?> callable, CapturedLog log) {
        AbortException e = assertThrows(AbortException.class, callable::call);
        String everything = e.getMessage() + "\n" + log.text();
        assertNoSentinel(everything);
        return everything;
    }

    @Test
    void aWrongPasswordShowsNeitherPassword() {
        CapturedLog log = new CapturedLog();
        // The registry knows SENTINEL; the step sends SENTINEL + "x", which contains it.
        String text = failWith(new PromoteOnAgent(PromoteArguments.of(source.host() + "/dev/app:1.0",
                target.host() + "/prod/app:wrong", null, null, false, false, null, null), access(SENTINEL + "x", caPem),
                log.listener), log);
        assertTrue(text.contains("401"), text);
    }

    @Test
    void aRefusedBearerTokenShowsNoToken() {
        String token = "S3ntinel-B3arer-Tok3n-9d2e";
        CapturedLog log = new CapturedLog();
        RegistryAccess bearer = RegistryAccess.of(Map.of(target.host(),
                RegistryCredentialSnapshot.secretText("prod-token", token)),
                List.of(RegistrySettings.of(target.host(), "prod-token", caPem, false, null)));
        AbortException e = assertThrows(AbortException.class, new PromoteOnAgent(PromoteArguments.of(
                source.host() + "/dev/app:1.0", target.host() + "/prod/app:bearer", null, null, false, false, null,
                null), bearer, log.listener)::call);
        String everything = e.getMessage() + "\n" + log.text();
        assertFalse(everything.contains(token), everything);
        assertFalse(everything.contains(Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))
                .replace("=", "")), everything);
        assertNoSentinel(everything);
    }

    @Test
    void aRefusedCompareAndSetShowsNoSecret() {
        CapturedLog log = new CapturedLog();
        String text = failWith(new PromoteOnAgent(PromoteArguments.of(source.host() + "/dev/app:1.0",
                target.host() + "/prod/app:live", null, null, true, false, null, null), access(SENTINEL, caPem),
                log.listener), log);
        assertTrue(text.startsWith("precondition failed"), text);
    }

    @Test
    void aTlsFailureShowsNoSecret() {
        CapturedLog log = new CapturedLog();
        failWith(new ResolveOnAgent(target.host() + "/prod/app:live", access(SENTINEL, null), log.listener), log);
    }

    @Test
    void anErrorEchoingTheAuthorizationAndAUrlWithUserInfoIsMasked() {
        CapturedLog log = new CapturedLog();
        String echo = "Authorization: Basic " + BASIC + "== from https://promoter:" + SENTINEL + "@" + target.host() + "/v2/";
        RegistryCallable<String> echoing = new RegistryCallable<>(access(SENTINEL, caPem), log.listener) {
            private static final long serialVersionUID = 1L;

            @Override
            String run(RegistryAccess access, PrintStream out) {
                out.println("WARNING: registry said " + echo);
                throw new RegistryException("PUT manifest failed: registry answered HTTP 400 [MANIFEST_INVALID: " + echo
                        + "]", 400, List.of(), null, "PUT " + target.host());
            }
        };

        String text = failWith(echoing, log);

        assertTrue(text.contains("Basic ****== from https://promoter:****@"), text);
        assertEquals("WARNING: registry said " + echo.replace(BASIC, "****").replace(SENTINEL, "****")
                + System.lineSeparator(), log.text());
    }
}
