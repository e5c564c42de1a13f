package io.imagepromotion.core.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries, Basic auth and redirects of the transport against a small scripted HTTP server on 127.0.0.1 (plain HTTP,
 * which the transport may fall back to for loopback hosts). Each server records the requests it answered.
 */
class RegistryTransportTest {
    private final List<HttpServer> servers = new ArrayList<>();

    /** What one handler saw: method, path and Authorization header per request. */
    private record Seen(String method, String path, String authorization) {
    }

    private interface Script {
        void answer(HttpExchange exchange, int requestNumber) throws IOException;
    }

    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

    private String serve(Script script) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger count = new AtomicInteger();
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            script.answer(exchange, count.incrementAndGet());
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static TransportSettings settings(RetryPolicy retry) {
        return TransportSettings.builder().retryPolicy(retry).build();
    }

    private static RegistryRequest get(String registry) {
        return RegistryRequest.of("GET", registry, "/v2/team/app/manifests/1", List.of("repository:team/app:pull"));
    }

    @Test
    void serviceUnavailableWithRetryAfterIsRetriedAndSucceeds() throws IOException {
        String registry = serve((exchange, n) -> {
            if (n == 1) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                respond(exchange, 503, "");
            } else {
                respond(exchange, 200, "ok");
            }
        });
        List<String> warnings = new ArrayList<>();
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofSeconds(10))))) {
            transport.onWarning(warnings::add);
            RegistryResponse response = transport.send(get(registry), 1024);
            assertEquals(200, response.status());
            assertArrayEquals("ok".getBytes(StandardCharsets.UTF_8), response.body());
            assertEquals(2, transport.requestCount());
        }
        assertEquals(2, seen.size());
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("HTTP 503") && warnings.get(0).contains("attempt 2 of 3"), warnings.get(0));
    }

    @Test
    void longRetryAfterIsCappedAtMaxBackoff() throws IOException {
        String registry = serve((exchange, n) -> {
            if (n == 1) {
                exchange.getResponseHeaders().add("Retry-After", "3600");
                respond(exchange, 429, "");
            } else {
                respond(exchange, 200, "ok");
            }
        });
        long start = System.nanoTime();
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(50), Duration.ofSeconds(10))))) {
            assertEquals(200, transport.send(get(registry), 1024).status());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void retryableStatusIsReturnedWhenAttemptsRunOut() throws IOException {
        String registry = serve((exchange, n) -> respond(exchange, 502, "bad gateway"));
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10))))) {
            assertEquals(502, transport.send(get(registry), 1024).status());
            assertEquals(3, transport.requestCount());
        }
    }

    @Test
    void retryAfterBeyondTheTotalBudgetIsNotWaitedFor() throws IOException {
        String registry = serve((exchange, n) -> {
            exchange.getResponseHeaders().add("Retry-After", "2");
            respond(exchange, 503, "");
        });
        long start = System.nanoTime();
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(5, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofMillis(500))))) {
            assertEquals(503, transport.send(get(registry), 1024).status());
            assertEquals(1, transport.requestCount());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(1500)) < 0);
    }

    @Test
    void streamedBodyIsNotResentAfterServiceUnavailable() throws IOException {
        String registry = serve((exchange, n) -> respond(exchange, 503, ""));
        byte[] blob = new byte[1024];
        RegistryRequest put = new RegistryRequest("PUT", registry, "/v2/team/app/blobs/uploads/x", Map.of(),
                new RegistryRequest.Stream(() -> new ByteArrayInputStream(blob), blob.length, "application/octet-stream"),
                List.of("repository:team/app:pull,push"));
        try (RegistryTransport transport = new RegistryTransport(settings(
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10))))) {
            assertEquals(503, transport.send(put, 1024).status());
            assertEquals(1, transport.requestCount(), "a stream can be sent only once");
        }
    }

    @Test
    void basicChallengeIsAnsweredWithTheRegistrysCredentials() throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString("ci:pw".getBytes(StandardCharsets.UTF_8));
        String registry = serve((exchange, n) -> {
            if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 200, "ok");
            } else {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"no\"}]}");
            }
        });
        TransportSettings s = TransportSettings.builder()
                .credentials(StaticCredentials.single(registry, Credential.usernamePassword("ci", "pw"))).build();
        try (RegistryTransport transport = new RegistryTransport(s)) {
            assertEquals(200, transport.send(get(registry), 1024).status());
            assertEquals(200, transport.send(get(registry), 1024).status());
            assertEquals(3, transport.requestCount(), "the challenge is learned once per host");
        }
        assertNull(seen.get(0).authorization(), "credentials are sent only when asked for");
        assertEquals(expected, seen.get(1).authorization());
        assertEquals(expected, seen.get(2).authorization());
    }

    @Test
    void wrongBasicCredentialsAreNotRetriedForever() throws IOException {
        String registry = serve((exchange, n) -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
            respond(exchange, 401, "");
        });
        TransportSettings s = TransportSettings.builder()
                .credentials(StaticCredentials.single(registry, Credential.usernamePassword("ci", "wrong"))).build();
        try (RegistryTransport transport = new RegistryTransport(s)) {
            assertEquals(401, transport.send(get(registry), 1024).status());
            assertEquals(2, transport.requestCount());
        }
    }

    @Test
    void redirectToAnotherOriginCarriesNoCredentials() throws IOException {
        String blobStore = serve((exchange, n) -> respond(exchange, 200, "blob-bytes"));
        String expected = "Basic " + Base64.getEncoder().encodeToString("ci:pw".getBytes(StandardCharsets.UTF_8));
        String registry = serve((exchange, n) -> {
            if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("Location", "http://" + blobStore + "/v2/storage/blob?sig=abc");
                respond(exchange, 307, "");
            } else {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                respond(exchange, 401, "");
            }
        });
        TransportSettings s = TransportSettings.builder()
                .credentials(StaticCredentials.single(registry, Credential.usernamePassword("ci", "pw"))).build();
        try (RegistryTransport transport = new RegistryTransport(s)) {
            RegistryResponse response = transport.send(get(registry), 1024);
            assertEquals(200, response.status());
            assertArrayEquals("blob-bytes".getBytes(StandardCharsets.UTF_8), response.body());
        }
        Seen atBlobStore = seen.get(seen.size() - 1);
        assertEquals("/v2/storage/blob", atBlobStore.path());
        assertNull(atBlobStore.authorization(), "the registry's credentials must not go to another origin");
    }

    @Test
    void answerLargerThanTheLimitFails() throws IOException {
        String registry = serve((exchange, n) -> respond(exchange, 200, "x".repeat(2000)));
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            RegistryTransport.BodyTooLargeException e = assertThrows(RegistryTransport.BodyTooLargeException.class,
                    () -> transport.send(get(registry), 1000));
            assertEquals(1000, e.limit());
        }
    }

    @Test
    void headAnswerHasAnEmptyBody() throws IOException {
        String registry = serve((exchange, n) -> {
            exchange.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "a".repeat(64));
            exchange.sendResponseHeaders(200, -1);
        });
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            RegistryResponse r = transport.send(RegistryRequest.of("HEAD", registry, "/v2/team/app/manifests/1", List.of()), 0);
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
