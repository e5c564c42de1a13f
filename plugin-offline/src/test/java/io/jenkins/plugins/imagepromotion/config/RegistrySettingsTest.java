package io.jenkins.plugins.imagepromotion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrySettingsTest {

    @Test
    void hostsAreNormalizedLikeReferences() {
        assertEquals("registry.example.com:5000", RegistrySettings.normalizeHost(" Registry.Example.com:5000 "));
        assertEquals("docker.io", RegistrySettings.normalizeHost("index.docker.io"));
        assertEquals("localhost:5000", RegistrySettings.normalizeHost("localhost:5000"));
        assertEquals("[::1]:5000", RegistrySettings.normalizeHost("[::1]:5000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://registry.example.com", "registry.example.com/team", "myregistry", "", "reg.example.com:0",
            "user@reg.example.com"})
    void anythingButHostOrHostPortIsRefused(String host) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegistrySettings.normalizeHost(host));
        assertTrue(e.getMessage().startsWith("registry host"), e.getMessage());
    }

    @Test
    void blankOptionalFieldsBecomeAbsent() {
        RegistrySettings s = RegistrySettings.of("reg.example.com", " ", "", false, "  ");
        assertNull(s.credentialsId());
        assertNull(s.caCertificatePem());
        assertNull(s.tokenUsername());
    }

    @Test
    void aCaCertificateMustParse(@TempDir Path dir) throws Exception {
        String pem = Files.readString(TestCertificates.create(dir).caCertificate());
        assertEquals(pem.strip(), RegistrySettings.of("reg.example.com", null, pem, false, null).caCertificatePem());

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RegistrySettings.of("reg.example.com", null, "not a certificate", false, null));
        assertTrue(e.getMessage().startsWith("CA certificate for reg.example.com: "), e.getMessage());
        String broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assertThrows(InvalidInputException.class, () -> RegistrySettings.of("reg.example.com", null, broken, false, null));
    }

    @Test
    void anEntryWithPortMatchesOnlyThatPortAndWinsOverOneWithout() {
        RegistrySettings anyPort = RegistrySettings.of("reg.example.com", "any", null, false, null);
        RegistrySettings port5000 = RegistrySettings.of("reg.example.com:5000", "five", null, false, null);
        RegistryDirectory directory = RegistryDirectory.of(List.of(anyPort, port5000));

        assertEquals(Optional.of("five"), directory.defaultCredentialsId("reg.example.com:5000"));
        assertEquals(Optional.of("any"), directory.defaultCredentialsId("reg.example.com:6000"));
        assertEquals(Optional.of("any"), directory.defaultCredentialsId("reg.example.com"));
        assertEquals(Optional.empty(), directory.defaultCredentialsId("reg.example.company"));
        assertEquals(Optional.empty(), RegistryDirectory.of(List.of(port5000)).defaultCredentialsId("reg.example.com"));
    }

    @Test
    void anEntryWithoutCredentialsGivesNoDefault() {
        RegistryDirectory directory = RegistryDirectory.of(List.of(RegistrySettings.of("reg.example.com", null, null, true, null)));
        assertEquals(Optional.empty(), directory.defaultCredentialsId("reg.example.com"));
        assertTrue(directory.find("reg.example.com").orElseThrow().insecure());
    }

    @Test
    void aHostListedTwiceIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegistryDirectory.of(List.of(
                RegistrySettings.of("reg.example.com", "a", null, false, null),
                RegistrySettings.of("REG.example.com", "b", null, false, null))));
        assertTrue(e.getMessage().startsWith("registry reg.example.com is listed twice"), e.getMessage());
    }

    @Test
    void settingsForListsEachMatchingEntryOnce() {
        RegistrySettings a = RegistrySettings.of("a.example.com", null, null, true, null);
        RegistrySettings b = RegistrySettings.of("b.example.com:5000", null, null, false, "user");
        RegistryDirectory directory = RegistryDirectory.of(List.of(a, b));
        assertEquals(List.of(a, b), directory.settingsFor(List.of("a.example.com:1", "a.example.com:2", "b.example.com:5000",
                "c.example.com")));
    }
}
