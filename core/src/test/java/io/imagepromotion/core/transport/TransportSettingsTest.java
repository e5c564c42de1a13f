package io.imagepromotion.core.transport;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportSettingsTest {
    private static final String GARBAGE_PEM = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

    @Test
    void defaultsAreAnonymousVerifiedTlsWithRetries() {
        TransportSettings s = TransportSettings.defaults();
        assertEquals(Credential.anonymous(), s.credentials().credentialFor("registry.example.com"));
        assertEquals(Set.of(), s.insecureRegistries());
        assertTrue(s.caCertificatesPem().isEmpty());
        assertEquals(RetryPolicy.DEFAULT, s.retryPolicy());
        assertEquals(4, s.blobConcurrency());
    }

    // ---- CA certificates -------------------------------------------------------------------------------------------

    @Test
    void realPemCertificateIsAccepted(@TempDir Path dir) throws IOException {
        TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
        TransportSettings s = TransportSettings.builder().caCertificateFile(tls.caCertificate()).build();
        assertEquals(1, s.caCertificatesPem().size());
        assertEquals(Files.readString(tls.caCertificate()), s.caCertificatesPem().get(0));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"MIIB...", "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----"})
    void textWithoutPemCertificateIsRejected(String pem) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransportSettings.builder().caCertificatePem(pem));
        assertTrue(e.getMessage().contains("is not PEM"), e.getMessage());
    }

    @Test
    void pemMarkersAroundGarbageAreRejectedWhenBuilt() {
        TransportSettings.Builder b = TransportSettings.builder().caCertificatePem(GARBAGE_PEM);
        InvalidInputException e = assertThrows(InvalidInputException.class, b::build);
        assertTrue(e.getMessage().contains("CA certificate does not parse"), e.getMessage());
    }

    @Test
    void certificateFileWithGarbageIsRejectedWhenBuilt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ca.crt"), GARBAGE_PEM);
        TransportSettings.Builder b = TransportSettings.builder().caCertificateFile(file);
        assertThrows(InvalidInputException.class, b::build);
    }

    @Test
    void missingCertificateFileIsRejectedNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("missing.crt");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TransportSettings.builder().caCertificateFile(missing));
        assertTrue(e.getMessage().contains("cannot read CA certificate file " + missing), e.getMessage());
    }

    @Test
    void certificateFileWithoutPemIsRejectedNamingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ca.der"), "binary-ish");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransportSettings.builder().caCertificateFile(file));
        assertTrue(e.getMessage().contains("CA certificate file " + file + " holds no PEM certificate"), e.getMessage());
    }

    // ---- concurrency, timeouts, credentials --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65, 1000})
    void blobConcurrencyOutsideOneTo64IsRejected(int concurrency) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TransportSettings.builder().blobConcurrency(concurrency).build());
        assertTrue(e.getMessage().contains("between 1 and 64, got " + concurrency), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64})
    void blobConcurrencyAtTheBoundsIsAccepted(int concurrency) {
        assertEquals(concurrency, TransportSettings.builder().blobConcurrency(concurrency).build().blobConcurrency());
    }

    @Test
    void uploadChunkSizeBelowOneKibibyteIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TransportSettings.builder().chunkSize(1023).build());
        assertTrue(e.getMessage().contains("at least 1024 bytes, got 1023"), e.getMessage());
        assertEquals(1024, TransportSettings.builder().chunkSize(1024).build().chunkSize());
    }

    @Test
    void zeroOrNegativeTimeoutsAreRejected() {
        assertThrows(InvalidInputException.class, () -> TransportSettings.builder().connectTimeout(Duration.ZERO).build());
        assertThrows(InvalidInputException.class, () -> TransportSettings.builder().requestTimeout(Duration.ofSeconds(-1)).build());
    }

    @Test
    void nullCredentialsProviderIsRejected() {
        assertThrows(InvalidInputException.class, () -> TransportSettings.builder().credentials(null).build());
    }

    @Test
    void credentialsProviderIsKept() {
        TransportSettings s = TransportSettings.builder()
                .credentials(StaticCredentials.single("r.example.com", Credential.usernamePassword("u", "p"))).build();
        assertEquals(Credential.usernamePassword("u", "p"), s.credentials().credentialFor("r.example.com"));
    }

    // ---- insecure registries ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "registry.example.com/team", "https://registry.example.com", "http://localhost:5000",
            "registry.example.com:5000/"})
    void insecureRegistryMustBeHostOrHostPort(String registry) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TransportSettings.builder().insecureRegistry(registry));
        assertTrue(e.getMessage().contains("must be HOST or HOST:PORT"), e.getMessage());
    }

    @Test
    void insecureHostCoversEveryPortOfIt() {
        TransportSettings s = TransportSettings.builder().insecureRegistry("Registry.Example.com").build();
        assertTrue(s.isInsecure("registry.example.com"));
        assertTrue(s.isInsecure("registry.example.com:5000"));
        assertTrue(s.isInsecure("REGISTRY.example.com:443"));
        assertFalse(s.isInsecure("other.example.com"));
        assertFalse(s.isInsecure("example.com"));
    }

    @Test
    void insecureHostPortCoversOnlyThatPort() {
        TransportSettings s = TransportSettings.builder().insecureRegistry("registry.example.com:5000").build();
        assertTrue(s.isInsecure("registry.example.com:5000"));
        assertFalse(s.isInsecure("registry.example.com:5001"));
        assertFalse(s.isInsecure("registry.example.com"));
    }

    @Test
    void insecureIpv6Registry() {
        TransportSettings s = TransportSettings.builder().insecureRegistry("[::1]").build();
        assertTrue(s.isInsecure("[::1]"));
        assertTrue(s.isInsecure("[::1]:5000"));
        assertFalse(s.isInsecure("[::2]:5000"));
    }

    @Test
    void settingsAreImmutableAfterBuild() {
        TransportSettings.Builder b = TransportSettings.builder().insecureRegistry("a.example.com");
        TransportSettings s = b.build();
        b.insecureRegistry("b.example.com");
        assertEquals(Set.of("a.example.com"), s.insecureRegistries());
        assertThrows(UnsupportedOperationException.class, () -> s.insecureRegistries().add("c.example.com"));
        assertThrows(UnsupportedOperationException.class, () -> s.caCertificatesPem().add("x"));
    }
}
