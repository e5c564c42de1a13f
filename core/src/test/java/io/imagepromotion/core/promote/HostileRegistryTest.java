package io.imagepromotion.core.promote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.ContentMismatchException;
import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.error.RegistryException;
import io.imagepromotion.core.error.TransportException;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.RetryPolicy;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and broken registries (issue 11 §3): a fault-injecting proxy in front of a real source registry answers
 * what a real one never would; the target is a real registry whose tag {@code prod/app:live} must keep its digest.
 * Every refusal is a typed {@link ImagePromotionException} of kind FAILURE (exit 1), carries no secret, and ends by
 * a limit of size, hops, depth or the request timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRegistryTest {
    private static final int MIB = 1024 * 1024;

    RegistryServer source;
    RegistryServer target;
    FaultInjectingProxy proxy;
    HttpServer tokenService;
    volatile Supplier<byte[]> tokenAnswer;
    final List<String> tokenAuthorizations = new CopyOnWriteArrayList<>();
    TestImage image;
    TestImage live;
    final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        source = RegistryServer.startPlain(dir.resolve("source"));
        target = RegistryServer.startPlain(dir.resolve("target"));
        image = TestImages.oci(dir.resolve("image"), 2, 64 * 1024, 111);
        live = TestImages.oci(dir.resolve("live"), 1, 16 * 1024, 112);
        Skopeo.forRegistry(source).push(image, source.host() + "/dev/app:1");
        Skopeo.forRegistry(source).push(image, source.host() + "/dev/deep:base");
        Skopeo.forRegistry(target).push(live, target.host() + "/prod/app:live");
        proxy = new FaultInjectingProxy(source.baseUri(), SentinelSecrets.USER, SentinelSecrets.PASSWORD);
        tokenService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        tokenService.createContext("/token", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            tokenAuthorizations.add(auth == null ? "" : auth);
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (SentinelSecrets.USER + ":" + SentinelSecrets.PASSWORD).getBytes(StandardCharsets.UTF_8));
            FaultInjectingProxy.respond(ex, expected.equals(auth) ? 200 : 401,
                    expected.equals(auth) ? tokenAnswer.get() : "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes());
        });
        tokenService.start();
    }

    @AfterEach
    void reset() {
        proxy.hostile = null;
        proxy.lyingManifestDigest = null;
        proxy.hideManifestHeadDigest = false;
        proxy.bearerRealm = null;
        proxy.bearerToken = null;
        proxy.requests.clear();
        proxy.authorizations.clear();
        tokenAuthorizations.clear();
        warnings.clear();
    }

    @AfterAll
    void stop() {
        tokenService.stop(0);
        proxy.close();
        source.close();
        target.close();
    }

    private TransportSettings settings(Duration requestTimeout) {
        return TransportSettings.builder()
                .credentials(StaticCredentials.single(proxy.host(),
                        Credential.usernamePassword(SentinelSecrets.USER, SentinelSecrets.PASSWORD)))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20)))
                .requestTimeout(requestTimeout)
                .build();
    }

    private PromotionResult promote(String sourceRef, String targetRef, Duration requestTimeout) {
        try (ImagePromoter promoter = new ImagePromoter(settings(requestTimeout), new PromotionListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        })) {
            return promoter.promote(PromotionRequest.builder(ImageReference.parse(proxy.host() + sourceRef))
                    .target(ImageReference.parse(target.host() + targetRef)).build());
        }
    }

    /**
     * Promotes {@code sourceRef} (on the proxy) to {@code prod/app:live} and expects a refusal of {@code type}, kind
     * FAILURE, without a secret in its trace or the warnings, with the target tag still at its old digest.
     */
    private <T extends ImagePromotionException> T refused(Class<T> type, String sourceRef, Duration requestTimeout) throws IOException {
        T e = assertThrows(type, () -> promote(sourceRef, "/prod/app:live", requestTimeout));
        assertEquals(ErrorKind.FAILURE, e.kind(), e.toString());
        String output = SentinelSecrets.trace(e) + String.join("\n", warnings);
        assertEquals(List.of(), SentinelSecrets.hits(output), output);
        assertEquals(live.digest(), target.tagDigestOnDisk("prod/app", "live").orElseThrow(), "target damaged");
        return e;
    }

    private <T extends ImagePromotionException> T refused(Class<T> type) throws IOException {
        return refused(type, "/dev/app:1", Duration.ofSeconds(30));
    }

    /** The source's manifest GET: by tag (how a promotion reads its source) or by digest. */
    private boolean isManifestGet(String method, String path) {
        return method.equals("GET") && (path.equals("/v2/dev/app/manifests/1") || path.endsWith("/manifests/" + image.digest()));
    }

    /** Writes {@code chunk} until {@code total} bytes are out or the client hangs up; returns what was written. */
    private static long writeUntilClosed(HttpExchange ex, byte[] chunk, long total, long pauseMillis) {
        long written = 0;
        try (OutputStream out = ex.getResponseBody()) {
            while (written < total) {
                int n = (int) Math.min(chunk.length, total - written);
                out.write(chunk, 0, n);
                out.flush();
                written += n;
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (IOException | InterruptedException hungUp) {
            // the client closed the connection: what matters is how much it was sent before
        }
        return written;
    }

    @Test
    void aManifestDeclaredOverFourMiBIsRefusedBeforeItsBodyIsRead() throws Exception {
        long declared = 64L * MIB;
        AtomicLong written = new AtomicLong(-1);
        CountDownLatch done = new CountDownLatch(1);
        proxy.hostile = (ex, method, path) -> {
            if (!isManifestGet(method, path)) {
                return false;
            }
            ex.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
            ex.sendResponseHeaders(200, declared);
            written.set(writeUntilClosed(ex, new byte[64 * 1024], declared, 0));
            done.countDown();
            return true;
        };
        UnsupportedContentException e = refused(UnsupportedContentException.class);
        assertTrue(e.getMessage().contains("4 MiB"), e.getMessage());
        assertTrue(done.await(30, TimeUnit.SECONDS), "the proxy saw the connection closed");
        // Only socket buffers took anything: the client read none of it.
        assertTrue(written.get() < declared, "sent " + written.get());
        System.out.println("HOSTILE oversized manifest with Content-Length " + declared + ": " + written.get()
                + " bytes accepted by the socket before the client hung up");
    }

    @Test
    void aManifestWithoutLengthIsRefusedOnceItPassesFourMiB() throws Exception {
        long endless = 512L * MIB;
        AtomicLong written = new AtomicLong(-1);
        CountDownLatch done = new CountDownLatch(1);
        proxy.hostile = (ex, method, path) -> {
            if (!isManifestGet(method, path)) {
                return false;
            }
            ex.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
            ex.sendResponseHeaders(200, 0); // chunked: no length
            byte[] spaces = new byte[64 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            written.set(writeUntilClosed(ex, spaces, endless, 0));
            done.countDown();
            return true;
        };
        UnsupportedContentException e = refused(UnsupportedContentException.class);
        assertTrue(e.getMessage().contains("4 MiB"), e.getMessage());
        assertTrue(done.await(30, TimeUnit.SECONDS), "the proxy saw the connection closed");
        assertTrue(written.get() > RawManifest.MAX_SIZE, "the limit was reached: " + written.get());
        assertTrue(written.get() < 64L * MIB, "the read stopped near the limit, not at the end: " + written.get());
        System.out.println("HOSTILE endless manifest without Content-Length: " + written.get()
                + " bytes accepted by the socket before the client hung up (limit " + RawManifest.MAX_SIZE + ")");
    }

    @Test
    void aDockerContentDigestThatLiesAboutTheBodyIsRefused() throws Exception {
        String lie = "sha256:" + "a".repeat(64);
        proxy.lyingManifestDigest = lie;
        ContentMismatchException e = refused(ContentMismatchException.class);
        assertTrue(e.getMessage().contains(lie) && e.getMessage().contains(image.digest()), e.getMessage());
    }

    @Test
    void aRedirectLoopEndsAfterFiveHopsWithATypedError() throws Exception {
        proxy.hostile = (ex, method, path) -> {
            if (!isManifestGet(method, path)) {
                return false;
            }
            ex.getResponseHeaders().add("Location", path); // to itself, forever
            FaultInjectingProxy.respond(ex, 307, new byte[0]);
            return true;
        };
        TransportException e = refused(TransportException.class);
        assertTrue(e.getMessage().contains("redirected more than 5 times"), e.getMessage());
        long hops = proxy.requests.stream().filter(r -> r.equals("GET /v2/dev/app/manifests/1")).count();
        assertEquals(6, hops, "the first request and 5 redirects: " + proxy.requests);
    }

    @Test
    void aTokenRealmOnAnotherHostGetsTheCredentialsAndTheRegistryOnlyTheToken() throws Exception {
        // "localhost", not the registry's "127.0.0.1": another host, as auth.docker.io is for registry-1.docker.io.
        proxy.bearerRealm = "http://localhost:" + tokenService.getAddress().getPort() + "/token";
        proxy.bearerToken = SentinelSecrets.TOKEN;
        tokenAnswer = () -> ("{\"token\":\"" + SentinelSecrets.TOKEN + "\",\"expires_in\":300}").getBytes();
        PromotionResult result = promote("/dev/app:1", "/prod/app:realm-elsewhere", Duration.ofSeconds(30));

        assertEquals(image.digest(), result.digest().toString());
        assertEquals(image.digest(), target.tagDigestOnDisk("prod/app", "realm-elsewhere").orElseThrow());
        assertFalse(tokenAuthorizations.isEmpty());
        assertTrue(tokenAuthorizations.stream().allMatch(a -> a.startsWith("Basic ")), "the realm got Basic credentials: " + tokenAuthorizations);
        assertTrue(proxy.authorizations.stream().noneMatch(a -> a.startsWith("Basic ")),
                "the registry never got the password: " + proxy.authorizations);
        assertTrue(proxy.authorizations.contains("Bearer " + SentinelSecrets.TOKEN), proxy.authorizations.toString());
        assertEquals(List.of(), SentinelSecrets.hits(String.join("\n", warnings)));
    }

    @Test
    void aTokenRealmNamingAnotherSchemeIsRefusedWithoutSendingCredentials() throws Exception {
        proxy.bearerRealm = "ftp://localhost:" + tokenService.getAddress().getPort() + "/token";
        proxy.bearerToken = SentinelSecrets.TOKEN;
        TransportException e = refused(TransportException.class);
        assertTrue(e.getMessage().contains("scheme ftp"), e.getMessage());
        assertEquals(List.of(), tokenAuthorizations);
    }

    @Test
    void aPlainHttpTokenRealmNamedByARegistryReachedOverHttpsIsRefused(@TempDir Path dir) throws Exception {
        TestCertificates tls = TestCertificates.create(dir);
        HttpsServer registry = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        registry.setHttpsConfigurator(new HttpsConfigurator(serverContext(tls)));
        // Loopback, even: a registry reached over HTTPS must not downgrade its credentials to plain HTTP anywhere.
        String realm = "http://127.0.0.1:" + tokenService.getAddress().getPort() + "/token";
        registry.createContext("/", ex -> {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"hostile\"");
            FaultInjectingProxy.respond(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes());
        });
        registry.start();
        // 127.0.0.1 written as an IPv4-mapped IPv6 address: the same socket, but not a loopback name, so it is
        // treated as any remote registry (HTTPS only, verified); the certificate's IP:127.0.0.1 matches it.
        String host = "[::ffff:127.0.0.1]:" + registry.getAddress().getPort();
        TransportSettings settings = TransportSettings.builder()
                .credentials(StaticCredentials.single(host, Credential.usernamePassword(SentinelSecrets.USER, SentinelSecrets.PASSWORD)))
                .caCertificateFile(tls.caCertificate())
                .build();
        try (ImagePromoter promoter = new ImagePromoter(settings, PromotionListener.SILENT)) {
            TransportException e = assertThrows(TransportException.class, () -> promoter.promote(
                    PromotionRequest.builder(ImageReference.parse(host + "/dev/app:1"))
                            .target(ImageReference.parse(target.host() + "/prod/app:live")).build()));
            assertEquals(ErrorKind.FAILURE, e.kind());
            assertTrue(e.getMessage().contains("plain-HTTP token realm"), e.getMessage());
            assertEquals(List.of(), SentinelSecrets.hits(SentinelSecrets.trace(e)));
        } finally {
            registry.stop(0);
        }
        assertEquals(List.of(), tokenAuthorizations, "the realm got no request at all");
        assertEquals(live.digest(), target.tagDigestOnDisk("prod/app", "live").orElseThrow());
    }

    /** A server-side TLS context from the test certificates (an EC key in PKCS#8 PEM). */
    private static javax.net.ssl.SSLContext serverContext(TestCertificates tls) throws Exception {
        String pem = Files.readString(tls.serverKey()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        java.security.cert.Certificate cert;
        try (var in = Files.newInputStream(tls.serverCertificate())) {
            cert = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, new char[0], new java.security.cert.Certificate[]{cert});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void aTokenAnswerThatIsNotJsonIsATypedError() throws Exception {
        proxy.bearerRealm = "http://localhost:" + tokenService.getAddress().getPort() + "/token";
        proxy.bearerToken = SentinelSecrets.TOKEN;
        tokenAnswer = () -> "{\"token\": \"Tk-SENTIN".getBytes();
        TransportException e = refused(TransportException.class);
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
    }

    @Test
    void aManifestBodyThatNeverEndsIsCutOffByTheRequestTimeout() throws Exception {
        CountDownLatch hungUp = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        proxy.hostile = (ex, method, path) -> {
            if (!isManifestGet(method, path)) {
                return false;
            }
            ex.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
            ex.sendResponseHeaders(200, 0);
            // One byte every 100 ms: under the size limit for days; only a time bound ends it.
            written.set(writeUntilClosed(ex, new byte[]{' '}, Long.MAX_VALUE, 100));
            hungUp.countDown();
            return true;
        };
        TransportException e = refused(TransportException.class, "/dev/app:1", Duration.ofSeconds(1));
        assertTrue(e.getMessage().contains("request timeout of 1 s"), e.getMessage());
        assertTrue(hungUp.await(30, TimeUnit.SECONDS), "the client hung up on the slow body");
        System.out.println("HOSTILE slow manifest body: " + written.get() + " bytes dripped before the 1 s request timeout");
    }

    @Test
    void aBlobBodyThatStallsIsCutOffByTheRequestTimeoutOnEveryAttempt() throws Exception {
        String layer = image.blobDigests().stream().max(java.util.Comparator.comparingLong(d -> size(image.blobPath(d)))).orElseThrow();
        byte[] bytes = Files.readAllBytes(image.blobPath(layer));
        AtomicInteger reads = new AtomicInteger();
        proxy.hostile = (ex, method, path) -> {
            if (!method.equals("GET") || !path.endsWith("/blobs/" + layer)) {
                return false;
            }
            reads.incrementAndGet();
            ex.sendResponseHeaders(200, bytes.length);
            OutputStream out = ex.getResponseBody();
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            try {
                Thread.sleep(60_000); // stalls; the proxy's close ends the wait
            } catch (InterruptedException ended) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return true;
        };
        TransportException e = refused(TransportException.class, "/dev/app:1", Duration.ofSeconds(1));
        assertTrue(e.getMessage().contains("no data for 1 s"), e.getMessage());
        assertEquals(4, reads.get(), "each of the 4 attempts stalled once");
        assertFalse(target.hasBlobLinked("prod/app", layer), "the half blob was never committed");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aHeadWithoutDigestFallsBackToAGetAndHashesTheBytes() throws Exception {
        // The target's HEADs (its current digest, the read-back) are the ones a promotion relies on.
        try (FaultInjectingProxy targetProxy = new FaultInjectingProxy(target.baseUri(), SentinelSecrets.USER, SentinelSecrets.PASSWORD)) {
            targetProxy.hideManifestHeadDigest = true;
            Credential credential = Credential.usernamePassword(SentinelSecrets.USER, SentinelSecrets.PASSWORD);
            TransportSettings settings = TransportSettings.builder()
                    .credentials(StaticCredentials.of(java.util.Map.of(proxy.host(), credential, targetProxy.host(), credential)))
                    .build();
            PromotionResult result;
            try (ImagePromoter promoter = new ImagePromoter(settings, PromotionListener.SILENT)) {
                result = promoter.promote(PromotionRequest.builder(ImageReference.parse(proxy.host() + "/dev/app:1"))
                        .target(ImageReference.parse(targetProxy.host() + "/prod/app:live")).build());
            }
            assertEquals(image.digest(), result.digest().toString());
            assertEquals(live.digest(), result.targets().get(0).previousDigest().toString(), "the old digest was read by GET and hashed");
            assertEquals(image.digest(), target.tagDigestOnDisk("prod/app", "live").orElseThrow());
            List<String> manifestRequests = targetProxy.requests.stream().filter(r -> r.contains("/manifests/live")).toList();
            assertEquals(List.of("HEAD /v2/prod/app/manifests/live", "GET /v2/prod/app/manifests/live",
                    "PUT /v2/prod/app/manifests/live", "HEAD /v2/prod/app/manifests/live", "GET /v2/prod/app/manifests/live"),
                    manifestRequests);
        } finally {
            // put the target back for the cases that must leave it alone
            try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
                promoter.promote(PromotionRequest.builder(ImageReference.parse(target.host() + "/prod/app@" + live.digest()))
                        .target(ImageReference.parse(target.host() + "/prod/app:live")).build());
            }
        }
    }

    @Test
    void aManifestThatIsNotJsonIsRefused() throws Exception {
        proxy.hostile = (ex, method, path) -> {
            if (!isManifestGet(method, path)) {
                return false;
            }
            ex.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
            FaultInjectingProxy.respond(ex, 200, "{\"schemaVersion\": 2, \"config\": {\"digest\": ".getBytes());
            return true;
        };
        UnsupportedContentException e = refused(UnsupportedContentException.class);
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void anErrorAnswerWhoseBodyIsNotJsonIsATypedError() throws Exception {
        proxy.hostile = (ex, method, path) -> {
            if (!isManifestGet(method, path)) {
                return false;
            }
            FaultInjectingProxy.respond(ex, 500, "{\"errors\": [{\"code\": {\"nested\": ".getBytes());
            return true;
        };
        RegistryException e = refused(RegistryException.class);
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    }

    @Test
    void anIndexNestingAHundredLevelsIsRefusedAfterSixteen() throws Exception {
        ImageReference deep = ImageReference.parse(source.host() + "/dev/deep:deep");
        byte[] below = image.manifestBytes();
        String belowType = MediaTypes.OCI_MANIFEST;
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            RegistryClient client = new RegistryClient(transport);
            for (int level = 1; level <= 100; level++) {
                byte[] index = indexOf(Digest.sha256(below), below.length, belowType);
                String tag = level == 100 ? "deep" : "level-" + level;
                client.putManifest(deep, tag, RawManifest.of(index, MediaTypes.OCI_INDEX, tag));
                below = index;
                belowType = MediaTypes.OCI_INDEX;
            }
        }
        UnsupportedContentException e = refused(UnsupportedContentException.class, "/dev/deep:deep", Duration.ofSeconds(30));
        assertTrue(e.getMessage().contains("more than 16 levels"), e.getMessage());
        long manifestGets = proxy.requests.stream().filter(r -> r.startsWith("GET /v2/dev/deep/manifests/")).count();
        assertEquals(17, manifestGets, "the top index and 16 levels below it were read, no more: " + proxy.requests);
    }

    @Test
    void anIndexServedAsItsOwnChildIsRefused() throws Exception {
        Digest child = Digest.sha256("a manifest that is never served".getBytes());
        byte[] top = indexOf(child, 1234, MediaTypes.OCI_MANIFEST);
        Digest topDigest = Digest.sha256(top);
        proxy.hostile = (ex, method, path) -> {
            boolean tag = path.endsWith("/manifests/selfref");
            if (!tag && !path.endsWith("/manifests/" + topDigest) && !path.endsWith("/manifests/" + child)) {
                return false;
            }
            ex.getResponseHeaders().add("Content-Type", MediaTypes.OCI_INDEX);
            ex.getResponseHeaders().add("Docker-Content-Digest", path.endsWith(child.toString()) ? child.toString() : topDigest.toString());
            if (method.equals("HEAD")) {
                ex.getResponseHeaders().add("Content-Length", String.valueOf(top.length));
                ex.sendResponseHeaders(200, -1);
                ex.close();
            } else {
                FaultInjectingProxy.respond(ex, 200, top); // the child's answer is the index itself
            }
            return true;
        };
        ContentMismatchException e = refused(ContentMismatchException.class, "/dev/app:selfref", Duration.ofSeconds(30));
        assertTrue(e.getMessage().contains(child.toString()), e.getMessage());
    }

    private static byte[] indexOf(Digest child, long size, String mediaType) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + mediaType + "\",\"digest\":\"" + child + "\",\"size\":" + size
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}").getBytes(StandardCharsets.UTF_8);
    }
}
