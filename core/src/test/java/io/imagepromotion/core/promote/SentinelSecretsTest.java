package io.imagepromotion.core.promote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.AccessDeniedException;
import io.imagepromotion.core.error.AuthenticationException;
import io.imagepromotion.core.error.ContentMismatchException;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.error.PreconditionFailedException;
import io.imagepromotion.core.error.RegistryException;
import io.imagepromotion.core.error.TransportException;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.ledger.PromotionLedger;
import io.imagepromotion.core.ledger.RecordOutcome;
import io.imagepromotion.core.ledger.RecordSigner;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.ref.InvalidReferenceException;
import io.imagepromotion.core.transport.RetryPolicy;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11 §5 for the core: a sentinel password and a sentinel bearer token go through every failing path (wrong
 * credentials, token service errors, servers that echo what they were sent, hostile answers, TLS failure, a refused
 * compare-and-set, invalid input carrying credentials, ledger signing errors). Every exception's trace (causes and
 * suppressed included), every listener message, and every file under the work directory is searched: 0 hits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentinelSecretsTest {
    private static final int PATHS = 20;

    Path work;
    RegistryServer source;
    RegistryServer target;
    RegistryServer tlsRegistry;
    TestCertificates tls;
    FaultInjectingProxy proxy;
    FaultInjectingProxy wrongPassword;
    HttpServer tokenService;
    volatile TokenAnswer tokenAnswer;
    TestImage image;
    TestImage live;
    /** Path name to everything it showed: exception traces and listener messages. */
    final Map<String, String> outputs = new LinkedHashMap<>();

    interface TokenAnswer {
        void answer(HttpExchange ex, String authorization) throws IOException;
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        work = dir;
        source = RegistryServer.startPlain(dir.resolve("source"));
        target = RegistryServer.startPlain(dir.resolve("target"));
        tls = TestCertificates.create(dir.resolve("tls"));
        // A real registry over TLS whose user has another password than the sentinel.
        tlsRegistry = RegistryServer.startHtpasswdTls(dir.resolve("tls-registry"), tls, Map.of(SentinelSecrets.USER, "not-the-sentinel"));
        image = TestImages.oci(dir.resolve("image"), 2, 32 * 1024, 131);
        live = TestImages.oci(dir.resolve("live"), 1, 8 * 1024, 132);
        Skopeo.forRegistry(source).push(image, source.host() + "/dev/app:1");
        Skopeo.forRegistry(target).push(live, target.host() + "/prod/app:live");
        proxy = new FaultInjectingProxy(source.baseUri(), SentinelSecrets.USER, SentinelSecrets.PASSWORD);
        wrongPassword = new FaultInjectingProxy(source.baseUri(), SentinelSecrets.USER, "not-the-sentinel");
        tokenService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        tokenService.createContext("/token", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            tokenAnswer.answer(ex, auth == null ? "" : auth);
        });
        tokenService.start();
    }

    @AfterAll
    void stop() {
        tokenService.stop(0);
        proxy.close();
        wrongPassword.close();
        tlsRegistry.close();
        source.close();
        target.close();
    }

    /** Collects every message a promotion reports. */
    private static final class RecordingListener implements PromotionListener {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void resolved(ImageReference source, Digest digest, String mediaType) {
            messages.add("resolved " + source + " " + digest + " " + mediaType);
        }

        @Override
        public void planned(PromotionPlan plan) {
            messages.add("planned " + plan);
        }

        @Override
        public void progress(TransferProgress progress) {
            messages.add("progress " + progress);
        }

        @Override
        public void targetUpdated(TargetOutcome outcome) {
            messages.add("updated " + outcome);
        }

        @Override
        public void verified(ImageReference target, Digest digest) {
            messages.add("verified " + target + " " + digest);
        }

        @Override
        public void warning(String message) {
            messages.add("warning " + message);
        }
    }

    private TransportSettings.Builder settings(String registry, Credential credential) {
        return TransportSettings.builder()
                .credentials(StaticCredentials.single(registry, credential))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5)));
    }

    private static Credential sentinelPassword() {
        return Credential.usernamePassword(SentinelSecrets.USER, SentinelSecrets.PASSWORD);
    }

    private void promoteFails(String path, Class<? extends ImagePromotionException> expected, TransportSettings settings,
                              PromotionRequest request) {
        RecordingListener listener = new RecordingListener();
        try (ImagePromoter promoter = new ImagePromoter(settings, listener,
                TagWritePolicy.builder().locks(TargetLocks.inProcessAndFiles(work.resolve("locks"))).build())) {
            promoter.promote(request);
            fail(path + ": no failure");
        } catch (ImagePromotionException e) {
            record(path, expected, e, listener.messages);
        }
    }

    private void record(String path, Class<? extends Throwable> expected, Throwable e, List<String> messages) {
        assertTrue(expected.isInstance(e), path + ": " + SentinelSecrets.trace(e));
        outputs.put(path, SentinelSecrets.trace(e) + String.join("\n", messages));
    }

    private PromotionRequest fromTo(String sourceRef, String targetRef) {
        return PromotionRequest.builder(ImageReference.parse(sourceRef)).target(ImageReference.parse(targetRef)).build();
    }

    private PromotionRequest viaProxy() {
        return fromTo(proxy.host() + "/dev/app:1", target.host() + "/prod/app:live");
    }

    /** A JSON error body that echoes what the client sent, as a careless server might. */
    private static byte[] echo(String code, String authorization) {
        return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"you sent " + authorization + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private void bearerMode() {
        proxy.bearerRealm = "http://localhost:" + tokenService.getAddress().getPort() + "/token";
        proxy.bearerToken = SentinelSecrets.TOKEN;
    }

    private void basicMode() {
        proxy.bearerRealm = null;
        proxy.bearerToken = null;
        proxy.hostile = null;
        proxy.lyingManifestDigest = null;
    }

    private boolean sourceManifestGet(String method, String path) {
        return method.equals("GET") && path.equals("/v2/dev/app/manifests/1");
    }

    @Test
    void noFailingPathShowsTheSentinelPasswordOrToken() throws Exception {
        TransportSettings sentinel = settings(proxy.host(), sentinelPassword()).build();

        promoteFails("wrong password, Basic", AuthenticationException.class,
                settings(wrongPassword.host(), sentinelPassword()).build(),
                fromTo(wrongPassword.host() + "/dev/app:1", target.host() + "/prod/app:live"));

        promoteFails("wrong password, real htpasswd registry over TLS", AuthenticationException.class,
                settings(tlsRegistry.host(), sentinelPassword()).caCertificateFile(tls.caCertificate()).build(),
                fromTo(tlsRegistry.host() + "/dev/app:1", target.host() + "/prod/app:live"));

        promoteFails("TLS failure: certificate not trusted", TransportException.class,
                settings(tlsRegistry.host(), sentinelPassword()).build(),
                fromTo(tlsRegistry.host() + "/dev/app:1", target.host() + "/prod/app:live"));

        promoteFails("registry token rejected", AuthenticationException.class,
                settings(proxy.host(), Credential.registryToken(SentinelSecrets.TOKEN)).build(), viaProxy());

        try {
            bearerMode();
            tokenAnswer = (ex, auth) -> FaultInjectingProxy.respond(ex, 401, echo("UNAUTHORIZED", auth));
            promoteFails("token service rejects the password (and echoes it)", AuthenticationException.class, sentinel, viaProxy());

            tokenAnswer = (ex, auth) -> FaultInjectingProxy.respond(ex, 500, echo("UNKNOWN", auth));
            promoteFails("token service error (echoing the Basic header)", RegistryException.class, sentinel, viaProxy());

            tokenAnswer = (ex, auth) -> FaultInjectingProxy.respond(ex, 200, ("<html>" + auth + " " + SentinelSecrets.PASSWORD).getBytes());
            promoteFails("token answer not JSON (echoing the credentials)", TransportException.class, sentinel, viaProxy());

            tokenAnswer = (ex, auth) -> FaultInjectingProxy.respond(ex, 200, "{\"expires_in\":300}".getBytes());
            promoteFails("token answer without a token", TransportException.class, sentinel, viaProxy());

            tokenAnswer = (ex, auth) -> FaultInjectingProxy.respond(ex, 200, ("{\"token\":\"" + SentinelSecrets.TOKEN + "\"}").getBytes());
            proxy.hostile = (ex, method, path) -> {
                if (!sourceManifestGet(method, path)) {
                    return false;
                }
                FaultInjectingProxy.respond(ex, 403, echo("DENIED", ex.getRequestHeaders().getFirst("Authorization")));
                return true;
            };
            promoteFails("bearer token accepted, then access denied (echoing the token)", AccessDeniedException.class, sentinel, viaProxy());
        } finally {
            basicMode();
        }

        try {
            proxy.hostile = (ex, method, path) -> {
                if (!sourceManifestGet(method, path)) {
                    return false;
                }
                FaultInjectingProxy.respond(ex, 500, echo("UNKNOWN", ex.getRequestHeaders().getFirst("Authorization")));
                return true;
            };
            promoteFails("registry error echoing the Basic header", RegistryException.class, sentinel, viaProxy());

            proxy.hostile = (ex, method, path) -> {
                if (!sourceManifestGet(method, path)) {
                    return false;
                }
                ex.getResponseHeaders().add("Location", path);
                FaultInjectingProxy.respond(ex, 307, new byte[0]);
                return true;
            };
            promoteFails("hostile: redirect loop", TransportException.class, sentinel, viaProxy());

            proxy.hostile = (ex, method, path) -> {
                if (!sourceManifestGet(method, path)) {
                    return false;
                }
                FaultInjectingProxy.respond(ex, 200, ("{\"schemaVersion\":2,\"config\":" + SentinelSecrets.PASSWORD).getBytes());
                return true;
            };
            promoteFails("hostile: manifest not JSON (carrying the password)", UnsupportedContentException.class, sentinel, viaProxy());

            proxy.hostile = (ex, method, path) -> {
                if (!sourceManifestGet(method, path)) {
                    return false;
                }
                ex.sendResponseHeaders(200, 64L * 1024 * 1024);
                ex.close();
                return true;
            };
            promoteFails("hostile: manifest over 4 MiB", UnsupportedContentException.class, sentinel, viaProxy());
            proxy.hostile = null;

            proxy.lyingManifestDigest = "sha256:" + "b".repeat(64);
            promoteFails("hostile: lying Docker-Content-Digest", ContentMismatchException.class, sentinel, viaProxy());
        } finally {
            basicMode();
        }

        promoteFails("refused compare-and-set", PreconditionFailedException.class, sentinel,
                PromotionRequest.builder(ImageReference.parse(proxy.host() + "/dev/app:1"))
                        .target(ImageReference.parse(target.host() + "/prod/app:live"))
                        .expectCurrent(Digest.parse("sha256:" + "c".repeat(64))).build());

        try {
            ImageReference.parse(SentinelSecrets.USER + ":" + SentinelSecrets.PASSWORD + "@" + proxy.host() + "/dev/app:1");
            fail("a reference with credentials parsed");
        } catch (InvalidReferenceException e) {
            record("invalid input: credentials written into the reference", InvalidReferenceException.class, e, List.of());
        }
        try {
            ImageReference.parse("https://" + SentinelSecrets.USER + ":" + SentinelSecrets.PASSWORD + "@registry.example.com/app:1");
            fail("a URL with credentials parsed");
        } catch (InvalidReferenceException e) {
            record("invalid input: a URL with credentials", InvalidReferenceException.class, e, List.of());
        }

        // Ledger: a key file that is not a key (holding the password, as a mistaken --sign-key might), and a key
        // of an unsupported algorithm.
        Path notAKey = Files.writeString(work.resolve("not-a-key.pem"),
                "-----BEGIN PRIVATE KEY-----\n" + SentinelSecrets.PASSWORD + "\n-----END PRIVATE KEY-----\n");
        try {
            io.imagepromotion.core.ledger.Dsse.readPrivateKey(notAKey);
            fail("a password read as a key");
        } catch (InvalidInputException e) {
            record("ledger signing: key file holding the password", InvalidInputException.class, e, List.of());
        }
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        try {
            RecordSigner.dsse(rsa.generateKeyPair().getPrivate(), SentinelSecrets.TOKEN);
            fail("an RSA key accepted");
        } catch (InvalidInputException e) {
            record("ledger signing: unsupported key", InvalidInputException.class, e, List.of());
        }

        // A promotion that works, with its record, so the work directory holds lock files and the registry storage a record.
        RecordingListener listener = new RecordingListener();
        try (ImagePromoter promoter = new ImagePromoter(sentinel, listener,
                TagWritePolicy.builder().locks(TargetLocks.inProcessAndFiles(work.resolve("locks"))).build())) {
            PromotionResult result = promoter.promote(fromTo(proxy.host() + "/dev/app:1", target.host() + "/prod/app:recorded"));
            List<RecordOutcome> records = promoter.ledger(RecordSigner.UNSIGNED).recordPromotion(result,
                    new PromotionLedger.RecordContext("production", List.of(), null, null, "image-promotion", "test"));
            assertTrue(records.stream().allMatch(RecordOutcome::recorded), records.toString());
            outputs.put("promotion with a ledger record (success)", result + "\n" + records + "\n" + String.join("\n", listener.messages));
        }

        assertEquals(PATHS, outputs.size(), outputs.keySet().toString());
        Map<String, List<String>> leaks = new LinkedHashMap<>();
        outputs.forEach((path, text) -> {
            if (!SentinelSecrets.hits(text).isEmpty()) {
                leaks.put(path, SentinelSecrets.hits(text));
            }
        });
        assertEquals(Map.of(), leaks, () -> leaks.keySet().stream().map(p -> p + ":\n" + outputs.get(p)).reduce("", String::concat));

        // Every file written under the work directory, except the one this test wrote with the password on purpose.
        List<Path> files;
        try (Stream<Path> walk = Files.walk(work)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.equals(notAKey)).toList();
        }
        List<String> fileLeaks = new ArrayList<>();
        for (Path f : files) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            if (!SentinelSecrets.hits(content).isEmpty()) {
                fileLeaks.add(work.relativize(f) + " " + SentinelSecrets.hits(content));
            }
        }
        assertEquals(List.of(), fileLeaks);
        assertTrue(files.stream().anyMatch(f -> f.startsWith(work.resolve("locks"))), "lock files were scanned");
        assertTrue(files.stream().anyMatch(f -> f.toString().contains("/_manifests/tags/recorded/")), "the target's tag files were scanned");
        System.out.println("SENTINEL core: " + outputs.size() + " paths, " + files.size() + " files scanned, 0 hits");
    }
}
