package io.imagepromotion.core.transport;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries, Basic auth, redirects and scheme choice of the transport against scripted plain-HTTP servers on 127.0.0.1
 * (loopback hosts are asked over plain HTTP first). Each server records the requests it answered.
 */
class RegistryTransportTest {
    private final List<ScriptedHttpServer> servers = new ArrayList<>();

    private ScriptedHttpServer serve(ScriptedHttpServer.Script script) throws IOException {
        ScriptedHttpServer server = new ScriptedHttpServer(script);
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() throws IOException {
        for (ScriptedHttpServer s : servers) {
            s.close();
        }
    }

    private static TransportSettings settings(RetryPolicy retry) {
        return TransportSettings.builder().retryPolicy(retry).build();
    }

    private static RegistryRequest get(String registry) {
        return RegistryRequest.of("GET", registry, "/v2/team/app/manifests/1", List.of("repository:team/app:pull"));
    }

    @Test
    void aPlainLoopbackRegistryIsAskedOverHttpWithoutATlsAttempt() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(200, "ok"));
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            assertEquals(200, transport.send(get(server.host()), 1024).status());
            assertEquals(200, transport.send(get(server.host()), 1024).status());
            assertEquals(2, transport.requestCount());
        }
        assertEquals(0, server.tlsHellos.get());
    }

    @Test
    void aLoopbackHostNamedInsecureIsTriedOverTlsFirstThenPlainHttp() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(200, "ok"));
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.builder().insecureRegistry(server.host()).build())) {
            assertEquals(200, transport.send(get(server.host()), 1024).status());
            assertEquals(200, transport.send(get(server.host()), 1024).status());
            assertEquals(2, transport.requestCount(), "the refused TLS attempt is not a registry request");
        }
        assertEquals(1, server.tlsHellos.get(), "TLS is tried once, then the host is known to speak plain HTTP");
        assertEquals(2, server.requests.size());
    }

    @Test
    void serviceUnavailableWithRetryAfterIsRetriedAndSucceeds() throws IOException {
        ScriptedHttpServer server = serve(r -> r.number() == 1
                ? ScriptedHttpServer.Response.of(503, "", "Retry-After", "0")
                : ScriptedHttpServer.Response.of(200, "ok"));
        List<String> warnings = new ArrayList<>();
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(10))))) {
            transport.onWarning(warnings::add);
            RegistryResponse response = transport.send(get(server.host()), 1024);
            assertEquals(200, response.status());
            assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8), response.body());
            assertEquals(2, transport.requestCount());
        }
        assertEquals(2, server.requests.size());
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("HTTP 503") && warnings.get(0).contains("attempt 2 of 3"), warnings.get(0));
    }

    @Test
    void longRetryAfterIsCappedAtMaxBackoff() throws IOException {
        ScriptedHttpServer server = serve(r -> r.number() == 1
                ? ScriptedHttpServer.Response.of(429, "", "Retry-After", "3600")
                : ScriptedHttpServer.Response.of(200, "ok"));
        long start = System.nanoTime();
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(50), Duration.ofSeconds(10))))) {
            assertEquals(200, transport.send(get(server.host()), 1024).status());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void retryableStatusIsReturnedWhenAttemptsRunOut() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(502, "bad gateway"));
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10))))) {
            assertEquals(502, transport.send(get(server.host()), 1024).status());
            assertEquals(3, transport.requestCount());
        }
        assertEquals(3, server.requests.size());
    }

    @Test
    void retryAfterBeyondTheTotalBudgetIsNotWaitedFor() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(503, "", "Retry-After", "2"));
        long start = System.nanoTime();
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(5, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofMillis(500))))) {
            assertEquals(503, transport.send(get(server.host()), 1024).status());
            assertEquals(1, transport.requestCount());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(1500)) < 0);
    }

    @Test
    void notFoundIsNotRetried() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}"));
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            assertEquals(404, transport.send(get(server.host()), 1024).status());
            assertEquals(1, transport.requestCount());
        }
    }

    @Test
    void streamedBodyIsNotResentAfterServiceUnavailable() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(503, ""));
        byte[] blob = new byte[1024];
        RegistryRequest put = new RegistryRequest("PUT", server.host(), "/v2/team/app/blobs/uploads/x", Map.of(),
                new RegistryRequest.Stream(() -> new ByteArrayInputStream(blob), blob.length, "application/octet-stream"),
                List.of("repository:team/app:pull,push"));
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10))))) {
            assertEquals(503, transport.send(put, 1024).status());
            assertEquals(1, transport.requestCount(), "a stream can be sent only once");
        }
        assertEquals(1024, server.requests.get(0).body().length);
    }

    @Test
    void basicChallengeIsAnsweredWithTheRegistrysCredentials() throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString("ci:pw".getBytes(StandardCharsets.UTF_8));
        ScriptedHttpServer server = serve(r -> expected.equals(r.header("Authorization"))
                ? ScriptedHttpServer.Response.of(200, "ok")
                : ScriptedHttpServer.Response.of(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}",
                "WWW-Authenticate", "Basic realm=\"test\""));
        TransportSettings s = TransportSettings.builder()
                .credentials(StaticCredentials.single(server.host(), Credential.usernamePassword("ci", "pw"))).build();
        try (RegistryTransport transport = new RegistryTransport(s)) {
            assertEquals(200, transport.send(get(server.host()), 1024).status());
            assertEquals(200, transport.send(get(server.host()), 1024).status());
            assertEquals(3, transport.requestCount(), "the challenge is learned once per host");
        }
        assertNull(server.requests.get(0).header("Authorization"), "credentials are sent only when asked for");
        assertEquals(expected, server.requests.get(1).header("Authorization"));
        assertEquals(expected, server.requests.get(2).header("Authorization"));
    }

    @Test
    void wrongBasicCredentialsAreTriedOnce() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(401, "", "WWW-Authenticate", "Basic realm=\"test\""));
        TransportSettings s = TransportSettings.builder()
                .credentials(StaticCredentials.single(server.host(), Credential.usernamePassword("ci", "wrong"))).build();
        try (RegistryTransport transport = new RegistryTransport(s)) {
            assertEquals(401, transport.send(get(server.host()), 1024).status());
            assertEquals(2, transport.requestCount());
        }
    }

    @Test
    void anonymousClientDoesNotRetryABasicChallenge() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(401, "", "WWW-Authenticate", "Basic realm=\"test\""));
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            assertEquals(401, transport.send(get(server.host()), 1024).status());
            assertEquals(1, transport.requestCount());
        }
    }

    @Test
    void redirectToAnotherOriginCarriesNoCredentials() throws IOException {
        ScriptedHttpServer blobStore = serve(r -> ScriptedHttpServer.Response.of(200, "blob-bytes"));
        String expected = "Basic " + Base64.getEncoder().encodeToString("ci:pw".getBytes(StandardCharsets.UTF_8));
        ScriptedHttpServer registry = serve(r -> expected.equals(r.header("Authorization"))
                ? ScriptedHttpServer.Response.of(307, "", "Location", "http://" + blobStore.host() + "/storage/blob?sig=abc")
                : ScriptedHttpServer.Response.of(401, "", "WWW-Authenticate", "Basic realm=\"test\""));
        TransportSettings s = TransportSettings.builder()
                .credentials(StaticCredentials.single(registry.host(), Credential.usernamePassword("ci", "pw"))).build();
        try (RegistryTransport transport = new RegistryTransport(s)) {
            RegistryResponse response = transport.send(get(registry.host()), 1024);
            assertEquals(200, response.status());
            assertArrayEquals("blob-bytes".getBytes(StandardCharsets.UTF_8), response.body());
        }
        assertEquals(1, blobStore.requests.size());
        assertEquals("/storage/blob?sig=abc", blobStore.requests.get(0).pathAndQuery());
        assertNull(blobStore.requests.get(0).header("Authorization"), "the registry's credentials must not go to another origin");
    }

    @Test
    void answerLargerThanTheLimitFails() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(200, "x".repeat(2000)));
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            RegistryTransport.BodyTooLargeException e = assertThrows(RegistryTransport.BodyTooLargeException.class,
                    () -> transport.send(get(server.host()), 1000));
            assertEquals(1000, e.limit());
        }
    }

    @Test
    void headAnswerHasAnEmptyBody() throws IOException {
        ScriptedHttpServer server = serve(r -> ScriptedHttpServer.Response.of(200, "", "Docker-Content-Digest", "sha256:" + "a".repeat(64)));
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            RegistryResponse r = transport.send(RegistryRequest.of("HEAD", server.host(), "/v2/team/app/manifests/1", List.of()), 0);
            assertEquals(200, r.status());
            assertEquals(0, r.body().length);
            assertEquals("sha256:" + "a".repeat(64), r.header("Docker-Content-Digest").orElseThrow());
        }
    }

    @Test
    void registryErrorCodesAreParsedFromTheBody() {
        byte[] body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"},{\"code\":\"DENIED\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("MANIFEST_UNKNOWN", "DENIED"),
                RegistryTransport.errorCodes(body).stream().map(e -> e.code()).toList());
        assertEquals(List.of(), RegistryTransport.errorCodes("<html>proxy error</html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), RegistryTransport.errorCodes(null));
    }

    @Test
    void requestDescriptionLeavesOutTheQuery() {
        RegistryRequest r = RegistryRequest.of("PUT", "r.example.com", "/v2/a/blobs/uploads/u?_state=secret&digest=sha256:1", List.of());
        assertEquals("PUT r.example.com/v2/a/blobs/uploads/u", r.describe());
    }

    @Test
    void requestPathMustStartWithV2() {
        assertThrows(IllegalArgumentException.class, () -> RegistryRequest.of("GET", "r.example.com", "/team/app", List.of()));
    }
}
