package io.jenkins.plugins.imagepromotion.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.imagepromotion.form.FieldVerdict.Level;
import org.junit.jupiter.api.Test;

class FieldChecksTest {
    @Test
    void imageIsRequiredAndMustNameATagOrDigest() {
        assertEquals(Level.ERROR, FieldChecks.image("").level());
        assertEquals(Level.OK, FieldChecks.image("registry.example.com/app:1").level());
        FieldVerdict noTag = FieldChecks.image("registry.example.com/app");
        assertEquals(Level.ERROR, noTag.level());
        assertTrue(noTag.message().contains("names no tag or digest"), noTag.message());
    }

    @Test
    void expressionsAreLeftForRunTime() {
        assertEquals(Level.WARNING, FieldChecks.image("registry.example.com/app:${GIT_COMMIT}").level());
        assertEquals(Level.WARNING, FieldChecks.target("${TARGET}").level());
    }

    @Test
    void targetIsOptionalInTheFormBecauseTargetsMayBeUsed() {
        assertEquals(Level.OK, FieldChecks.target(" ").level());
        assertEquals(Level.ERROR, FieldChecks.target("https://registry.example.com/app:1").level());
    }

    @Test
    void expectCurrentMustBeADigestWhenGiven() {
        assertEquals(Level.OK, FieldChecks.expectCurrent("").level());
        assertEquals(Level.OK, FieldChecks.expectCurrent("sha256:" + "c".repeat(64)).level());
        assertEquals(Level.ERROR, FieldChecks.expectCurrent("sha256:abc").level());
    }

    @Test
    void recordTextAndRegistrySettingsAreChecked() {
        assertEquals(Level.ERROR, FieldChecks.oneLine("environment", "a\tb").level());
        assertEquals(Level.OK, FieldChecks.oneLine("environment", "staging").level());
        assertEquals(Level.ERROR, FieldChecks.registryHost("https://reg.example.com").level());
        assertEquals(Level.OK, FieldChecks.registryHost("reg.example.com:443").level());
        FieldVerdict badPem = FieldChecks.caCertificate("garbage");
        assertEquals(Level.ERROR, badPem.level());
        assertTrue(!badPem.message().contains("probe.invalid"), badPem.message());
        assertEquals(Level.OK, FieldChecks.caCertificate(" ").level());
    }

    @Test
    void publishFieldsFollowTheStepsRules() {
        assertEquals(Level.ERROR, FieldChecks.localImage("").level());
        assertEquals(Level.OK, FieldChecks.localImage("myapp:local").level());
        FieldVerdict space = FieldChecks.localImage("my app");
        assertEquals(Level.ERROR, space.level());
        assertFalse(space.message().contains("probe"), space.message());
        assertEquals(Level.WARNING, FieldChecks.localImage("myapp:${BUILD_NUMBER}").level());

        assertEquals(Level.ERROR, FieldChecks.publishTarget(" ").level());
        assertEquals(Level.OK, FieldChecks.publishTarget("registry.example.com/team/app:1").level());
        assertEquals(Level.WARNING, FieldChecks.publishTarget("registry.example.com/team/app:${GIT_COMMIT}").level());
        FieldVerdict digest = FieldChecks.publishTarget("registry.example.com/team/app@sha256:" + "d".repeat(64));
        assertEquals(Level.ERROR, digest.level());
        assertTrue(digest.message().contains("names a digest"), digest.message());
        assertTrue(FieldChecks.publishTarget("registry.example.com/team/app").message().contains("names no tag"));
    }

    @Test
    void dockerHostIsOptionalAndMustBeAnEngineAddress() {
        assertEquals(Level.OK, FieldChecks.dockerHost("").level());
        assertEquals(Level.OK, FieldChecks.dockerHost("unix:///run/podman/podman.sock").level());
        assertEquals(Level.OK, FieldChecks.dockerHost("tcp://127.0.0.1:2375").level());
        FieldVerdict https = FieldChecks.dockerHost("https://docker.example.com:2376");
        assertEquals(Level.ERROR, https.level());
        assertTrue(https.message().contains("from dockerHost"), https.message());
        assertEquals(Level.WARNING, FieldChecks.dockerHost("${ENGINE}").level());
    }
}
