package io.imagepromotion.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryServerTest {

    @TempDir
    Path tmp;

    @Test
    void plainRegistryAnswersV2OnItsAnnouncedPort() throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(tmp.resolve("r"))) {
            assertEquals(URI.create("http://" + registry.host()), registry.baseUri());
            assertTrue(registry.host().startsWith("127.0.0.1:"));
            HttpResponse<byte[]> response = Http.get(registry.baseUri().resolve("/v2/"), null, null);
            assertEquals(200, response.statusCode());
            assertEquals("registry/2.0", response.headers().firstValue("Docker-Distribution-Api-Version").orElse(""));
            assertTrue(Files.readString(tmp.resolve("r/registry.yml")).contains("127.0.0.1:" + registry.port()));
        }
    }

    @Test
    void twoRegistriesRunSideBySideOnDifferentPorts() throws Exception {
        try (RegistryServer a = RegistryServer.startPlain(tmp.resolve("a"));
             RegistryServer b = RegistryServer.startPlain(tmp.resolve("b"))) {
            assertNotEquals(a.port(), b.port());
            assertEquals(200, Http.get(a.baseUri().resolve("/v2/"), null, null).statusCode());
            assertEquals(200, Http.get(b.baseUri().resolve("/v2/"), null, null).statusCode());
        }
    }

    @Test
    void sameWorkDirCannotBeUsedByTwoRunningRegistries() throws Exception {
        try (RegistryServer first = RegistryServer.startPlain(tmp.resolve("r"))) {
            assertThrows(IllegalStateException.class, () -> RegistryServer.startPlain(tmp.resolve("r")));
            assertTrue(first.isRunning());
        }
    }

    @Test
    void closeStopsTheProcessAndFreesThePort() throws Exception {
        RegistryServer registry = RegistryServer.startPlain(tmp.resolve("r"));
        URI v2 = registry.baseUri().resolve("/v2/");
        registry.close();
        assertFalse(registry.isRunning());
        assertThrows(ConnectException.class, () -> Http.get(v2, null, null));
        registry.close(); // idempotent
    }

    @Test
    void aKilledRegistryDiesAtOnceAndARestartServesItsStorageAgain() throws Exception {
        TestImage image = TestImages.oci(tmp.resolve("img"), 1, 64 * 1024, 13);
        RegistryServer registry = RegistryServer.startPlain(tmp.resolve("r"));
        Skopeo.forRegistry(registry).push(image, registry.host() + "/dev/app:1.0");
        URI v2 = registry.baseUri().resolve("/v2/");
        assertThrows(IllegalStateException.class, registry::restart, "a running registry is not restarted");

        registry.kill();

        assertFalse(registry.isRunning());
        assertEquals(137, registry.exitValue(), "killed by SIGKILL (128 + 9), not stopped");
        assertThrows(ConnectException.class, () -> Http.get(v2, null, null));
        registry.close(); // nothing left to do
        try (RegistryServer restarted = registry.restart()) {
            assertEquals(registry.workDir(), restarted.workDir());
            assertEquals(Optional.of(image.digest()), restarted.tagDigestOnDisk("dev/app", "1.0"));
            assertEquals(image.digest(), Skopeo.forRegistry(restarted).digest(restarted.host() + "/dev/app:1.0"));
        }
    }

    @Test
    void startFailureReportsTheRegistryError() throws Exception {
        TestCertificates real = TestCertificates.create(tmp.resolve("tls"));
        TestCertificates missingServerCert = new TestCertificates(real.caCertificate(), tmp.resolve("none/server.crt"),
                real.serverKey());
        IOException failure = assertThrows(IOException.class,
                () -> RegistryServer.startHtpasswdTls(tmp.resolve("r"), missingServerCert, java.util.Map.of("u", "p")));
        assertTrue(failure.getMessage().contains("exited"), failure.getMessage());
        assertTrue(failure.getMessage().contains("none/server.crt"), failure.getMessage());
        // the workDir is released again after a failed start
        RegistryServer.startPlain(tmp.resolve("r")).close();
    }

    @Test
    void accessLogSinceCountsOnlyRequestsAfterTheMark() throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(tmp.resolve("r"))) {
            int mark = registry.accessLogMark();
            assertTrue(mark >= 1, "the readiness poll is logged");
            Http.get(registry.baseUri().resolve("/v2/"), null, null);
            Http.get(registry.baseUri().resolve("/v2/_catalog?n=5"), null, null);
            String missing = "sha256:" + "0".repeat(64);
            Http.send(null, HttpRequest.newBuilder(registry.baseUri().resolve("/v2/dev/app/blobs/" + missing))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()), null, null);

            List<AccessLogEntry> since = registry.accessLogSince(mark);
            assertEquals(List.of(
                    new AccessLogEntry("GET", "/v2/", 200, "testkit-test"),
                    new AccessLogEntry("GET", "/v2/_catalog?n=5", 200, "testkit-test"),
                    new AccessLogEntry("HEAD", "/v2/dev/app/blobs/" + missing, 404, "testkit-test")), since);
            assertEquals(mark + 3, registry.accessLogMark());
            assertEquals(registry.accessLog().subList(mark, mark + 3), since);
        }
    }

    @Test
    void storageInspectionSeesPushedTagsAndBlobLinks() throws Exception {
        TestImage image = TestImages.oci(tmp.resolve("img"), 2, 64 * 1024, 11);
        try (RegistryServer registry = RegistryServer.startPlain(tmp.resolve("r"))) {
            assertEquals(Optional.empty(), registry.tagDigestOnDisk("dev/app", "1.0"));
            Skopeo.forRegistry(registry).push(image, registry.host() + "/dev/app:1.0");

            assertEquals(Optional.of(image.digest()), registry.tagDigestOnDisk("dev/app", "1.0"));
            assertTrue(registry.hasManifestRevision("dev/app", image.digest()));
            for (String blob : image.blobDigests()) {
                assertTrue(registry.hasBlobLinked("dev/app", blob), blob);
                assertFalse(registry.hasBlobLinked("prod/app", blob), blob);
            }
        }
    }

    @Test
    void corruptBlobChangesStoredContentButKeepsItsSize() throws Exception {
        TestImage image = TestImages.oci(tmp.resolve("img"), 2, 64 * 1024, 12);
        try (RegistryServer registry = RegistryServer.startPlain(tmp.resolve("r"))) {
            Skopeo.forRegistry(registry).push(image, registry.host() + "/dev/app:1.0");
            String layer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(image.manifestBytes())
                    .path("layers").get(0).path("digest").asText();
            byte[] before = Files.readAllBytes(registry.blobDataPath(layer));
            assertArrayEquals(image.read(layer), before);

            registry.corruptBlob(layer);

            byte[] after = Files.readAllBytes(registry.blobDataPath(layer));
            assertEquals(before.length, after.length);
            int differing = 0;
            for (int i = 0; i < before.length; i++) {
                differing += before[i] != after[i] ? 1 : 0;
            }
            assertEquals(1, differing);
            assertNotEquals(layer, Sha256.digestOf(after));
            // The registry serves the corrupted bytes under the original digest: only a verifying client notices.
            HttpResponse<byte[]> served = Http.get(registry.baseUri().resolve("/v2/dev/app/blobs/" + layer), null, null);
            assertEquals(200, served.statusCode());
            assertArrayEquals(after, served.body());
            assertThrows(java.nio.file.NoSuchFileException.class, () -> registry.corruptBlob("sha256:" + "1".repeat(64)));
        }
    }
}
