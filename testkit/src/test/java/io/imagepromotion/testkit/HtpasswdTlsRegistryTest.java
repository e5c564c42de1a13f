package io.imagepromotion.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtpasswdTlsRegistryTest {

    @TempDir
    static Path shared;
    static TestCertificates tls;
    static RegistryServer registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        tls = TestCertificates.create(shared.resolve("tls"));
        registry = RegistryServer.startHtpasswdTls(shared.resolve("registry"), tls,
                Map.of("promoter", "s3cret", "reader", "r3ad"));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void registryServesHttpsWithBasicAuth() throws Exception {
        assertEquals("https", registry.baseUri().getScheme());
        HttpRequest.Builder v2 = HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).GET();
        var anonymous = Http.send(tls.sslContext(), v2, null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        assertEquals(401, Http.send(tls.sslContext(), v2, Http.basic("promoter", "wrong"), null).statusCode());
        assertEquals(200, Http.send(tls.sslContext(), v2, Http.basic("promoter", "s3cret"), null).statusCode());
        assertEquals(List.of(tls.caCertificate().getFileName()),
                java.nio.file.Files.list(tls.certDirectory()).map(Path::getFileName).toList());
    }

    @Test
    void skopeoWithCredentialsPushesOciAndDockerImages() {
        Skopeo skopeo = Skopeo.forRegistry(registry).withCredentials("promoter", "s3cret");
        TestImage oci = TestImages.oci(tmp.resolve("oci"), 2, 64 * 1024, 201);
        TestImage docker = TestImages.dockerSchema2(tmp.resolve("docker"), 2, 64 * 1024, 202);
        skopeo.push(oci, registry.host() + "/tls/oci:1.0");
        skopeo.push(docker, registry.host() + "/tls/docker:1.0");
        assertEquals(oci.digest(), skopeo.digest(registry.host() + "/tls/oci:1.0"));
        assertEquals(docker.digest(), skopeo.digest(registry.host() + "/tls/docker:1.0"));
        assertEquals(Optional.of(docker.digest()), registry.tagDigestOnDisk("tls/docker", "1.0"));
    }

    @Test
    void wrongPasswordFailsAndLeavesNoTag() {
        TestImage oci = TestImages.oci(tmp.resolve("oci"), 1, 1024, 203);
        TestImage docker = TestImages.dockerSchema2(tmp.resolve("docker"), 1, 1024, 204);
        Skopeo wrong = Skopeo.forRegistry(registry).withCredentials("promoter", "wrong");

        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> wrong.push(oci, registry.host() + "/tls/denied:1.0"));
        assertTrue(failure.stderr().contains("unauthorized") || failure.stderr().contains("authentication required"),
                failure.stderr());
        assertFalse(String.join(" ", failure.command()).contains("wrong"), "password must be masked");
        assertTrue(String.join(" ", failure.command()).contains("promoter:***"));
        RegistryResponseException raw = assertThrows(RegistryResponseException.class,
                () -> wrong.push(docker, registry.host() + "/tls/denied:2.0"));
        assertEquals(401, raw.status());
        assertEquals(Optional.empty(), registry.tagDigestOnDisk("tls/denied", "1.0"));
        assertEquals(Optional.empty(), registry.tagDigestOnDisk("tls/denied", "2.0"));
    }

    @Test
    void skopeoWithoutTheCaFailsCertificateVerification() {
        TestImage oci = TestImages.oci(tmp.resolve("oci"), 1, 1024, 205);
        Skopeo noCa = new Skopeo(true, null, "promoter:s3cret");
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> noCa.push(oci, registry.host() + "/tls/noca:1.0"));
        assertTrue(failure.stderr().contains("x509"), failure.stderr());
    }
}
