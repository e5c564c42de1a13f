package io.jenkins.plugins.imagepromotion.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.config.RegistrySettings;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import io.jenkins.plugins.imagepromotion.model.ResultMap;
import io.imagepromotion.testkit.CommandFailedException;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
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
 * The agent side of both steps (task plus callable wrapper) against real docker-registry processes: a plain source
 * registry and a target with TLS from a private CA and htpasswd users. Checked with skopeo, an independent client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromotionOnRealRegistriesTest {
    static final String SECRET = "Pr0moter-secret-value";

    RegistryServer source;
    RegistryServer target;
    Skopeo sourceSkopeo;
    Skopeo targetSkopeo;
    String caPem;
    TestImage app;
    TestImage other;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        source = RegistryServer.startPlain(dir.resolve("source"));
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        caPem = Files.readString(tls.caCertificate());
        target = RegistryServer.startHtpasswdTls(dir.resolve("target"), tls, Map.of("promoter", SECRET));
        sourceSkopeo = Skopeo.forRegistry(source);
        targetSkopeo = Skopeo.forRegistry(target);
        app = TestImages.oci(dir.resolve("app"), 3, 48 * 1024, 301);
        other = TestImages.oci(dir.resolve("other"), 2, 16 * 1024, 302);
        sourceSkopeo.push(app, source.host() + "/dev/app:1.0");
        sourceSkopeo.push(other, source.host() + "/dev/other:1.0");
    }

    @AfterAll
    void stop() {
        source.close();
        target.close();
    }

    RegistryAccess targetAccess(String password) {
        return RegistryAccess.of(Map.of(target.host(), RegistryCredentialSnapshot.usernamePassword("prod", "promoter", password)),
                List.of(RegistrySettings.of(target.host(), "prod", caPem, false, null)));
    }

    @Test
    void aTagIsResolvedOnceAndThatDigestLandsOnTheOtherRegistry() {
        CapturedLog log = new CapturedLog();
        String to = target.host() + "/prod/app:staging";
        PromoteArguments args = PromoteArguments.of(source.host() + "/dev/app:1.0", to, null, null, false, false, "staging", "alice");

        PromotionOutcome outcome = PromotionTask.run(args, targetAccess(SECRET), log.stream);

        assertEquals(app.digest(), outcome.digest());
        assertEquals(app.digest(), targetSkopeo.digest(to));
        String text = log.text();
        assertTrue(text.contains("Resolved " + source.host() + "/dev/app:1.0 -> " + app.digest()), text);
        assertTrue(text.contains(to + " -> " + app.digest() + " (verified)"), text);
        assertTrue(text.contains("Promotion to environment staging, approval asserted by the pipeline for alice"), text);
        assertEquals(1, text.split("WARNING: approvedBy: 'alice' is recorded as asserted by the pipeline", -1).length - 1,
                "one warning: " + text);
        assertFalse(text.contains(SECRET), text);

        Map<String, Object> map = ResultMap.of(outcome);
        assertEquals(Boolean.TRUE, map.get("changed"));
        assertEquals(app.blobDigests().size(), (int) map.get("blobsCopied") + (int) map.get("blobsSkipped"));
        assertTrue((long) map.get("bytesCopied") > 48 * 1024, map.toString());
        List<?> targets = (List<?>) map.get("targets");
        assertEquals(null, ((Map<?, ?>) targets.get(0)).get("previousDigest"));
    }

    @Test
    void aDryRunReportsThePlanAndWritesNothing() {
        CapturedLog log = new CapturedLog();
        String to = target.host() + "/prod/other:dry";
        PromotionOutcome outcome = PromotionTask.run(PromoteArguments.of(source.host() + "/dev/other:1.0", to, null, null, false,
                true, null, null), targetAccess(SECRET), log.stream);

        assertTrue(outcome.dryRun());
        assertTrue(outcome.changed());
        assertTrue(log.text().contains("Dry run, nothing was written"), log.text());
        assertThrows(CommandFailedException.class, () -> targetSkopeo.digest(to));
    }

    @Test
    void aFailedPreconditionFailsTheCallableWithOneLineAndLeavesTheTargetAlone() throws Exception {
        String to = target.host() + "/prod/app:release";
        PromotionTask.run(PromoteArguments.of(source.host() + "/dev/app:1.0", to, null, null, false, false, null, null),
                targetAccess(SECRET), new CapturedLog().stream);

        CapturedLog log = new CapturedLog();
        PromoteOnAgent callable = new PromoteOnAgent(PromoteArguments.of(source.host() + "/dev/other:1.0", to, null, null,
                true, false, null, null), targetAccess(SECRET), log.listener);
        AbortException e = assertThrows(AbortException.class, callable::call);

        assertTrue(e.getMessage().startsWith("precondition failed: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(app.digest(), targetSkopeo.digest(to));
    }

    @Test
    void aWrongPasswordFailsWithoutShowingEitherPassword() {
        String wrong = "not-the-" + SECRET;
        CapturedLog log = new CapturedLog();
        PromoteOnAgent callable = new PromoteOnAgent(PromoteArguments.of(source.host() + "/dev/app:1.0",
                target.host() + "/prod/app:denied", null, null, false, false, null, null), targetAccess(wrong), log.listener);

        AbortException e = assertThrows(AbortException.class, callable::call);

        String everything = e.getMessage() + log.text();
        assertFalse(everything.contains(SECRET), everything);
        assertFalse(everything.contains(wrong), everything);
        assertThrows(CommandFailedException.class, () -> targetSkopeo.digest(target.host() + "/prod/app:denied"));
    }

    @Test
    void resolveReturnsThePinnedReference() throws Exception {
        CapturedLog log = new CapturedLog();
        String pinned = new ResolveOnAgent(source.host() + "/dev/app:1.0", RegistryAccess.of(Map.of(), List.of()), log.listener)
                .call();
        assertEquals(source.host() + "/dev/app@" + app.digest(), pinned);
        assertTrue(log.text().contains("-> " + app.digest()), log.text());
    }

    @Test
    void anInsecureEntryReachesATlsRegistryWithoutItsCa() {
        RegistryAccess insecure = RegistryAccess.of(
                Map.of(target.host(), RegistryCredentialSnapshot.usernamePassword("prod", "promoter", SECRET)),
                List.of(RegistrySettings.of(target.host(), null, null, true, null)));
        targetSkopeo.push(other, target.host() + "/prod/other:1.0");
        assertEquals(target.host() + "/prod/other@" + other.digest(),
                ResolveTask.run(target.host() + "/prod/other:1.0", insecure, new CapturedLog().stream));
    }

    @Test
    void withoutCaOrInsecureTheTlsRegistryIsRefusedWithOneLine() {
        RegistryAccess strict = RegistryAccess.of(
                Map.of(target.host(), RegistryCredentialSnapshot.usernamePassword("prod", "promoter", SECRET)), List.of());
        AbortException e = assertThrows(AbortException.class,
                () -> new ResolveOnAgent(target.host() + "/prod/app:1.0", strict, new CapturedLog().listener).call());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aMissingImageIsAOneLineError() {
        AbortException e = assertThrows(AbortException.class, () -> new ResolveOnAgent(source.host() + "/dev/nothing:1",
                RegistryAccess.of(Map.of(), List.of()), new CapturedLog().listener).call());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void onTheControllerACopyToAnotherRegistryIsRefusedBeforeAnyWrite() {
        String to = target.host() + "/prod/app:controller";
        CapturedLog log = new CapturedLog();
        PromoteOnAgent callable = new PromoteOnAgent(PromoteArguments.of(source.host() + "/dev/app:1.0", to, null, null,
                false, false, null, null), targetAccess(SECRET), LedgerOptions.unsigned(null), true, log.listener);

        AbortException e = assertThrows(AbortException.class, callable::call);

        assertTrue(e.getMessage().contains("would stream its blob bytes through the controller. Wrap the step in node("),
                e.getMessage());
        assertThrows(CommandFailedException.class, () -> targetSkopeo.digest(to), "nothing was written");
    }

    @Test
    void onTheControllerARetagWithinOneRepositoryWorks() {
        String to = source.host() + "/dev/app:controller-retag";
        PromotionOutcome outcome = PromotionTask.run(PromoteArguments.of(source.host() + "/dev/app:1.0", to, null, null,
                false, false, null, null), RegistryAccess.of(Map.of(), List.of()), LedgerOptions.unsigned(null), true,
                new CapturedLog().stream);

        assertEquals(app.digest(), outcome.digest());
        assertEquals(app.digest(), sourceSkopeo.digest(to));
    }

    @Test
    void onTheControllerAMountWithinOneRegistryWorks() {
        String to = source.host() + "/qa/app:controller-mount";
        PromotionOutcome outcome = PromotionTask.run(PromoteArguments.of(source.host() + "/dev/app:1.0", to, null, null,
                false, false, null, null), RegistryAccess.of(Map.of(), List.of()), LedgerOptions.unsigned(null), true,
                new CapturedLog().stream);

        assertEquals(0, outcome.blobsCopied(), "mounted, not streamed");
        assertEquals(app.digest(), sourceSkopeo.digest(to));
    }
}
