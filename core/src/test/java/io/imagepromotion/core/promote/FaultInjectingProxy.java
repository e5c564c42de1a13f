package io.imagepromotion.core.promote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits in front of a real registry to do what a real one cannot be made to do: demand Basic auth of its own, answer
 * 503 a few times, leave out the digest header of manifest PUT answers, redirect blob reads to a "blob store" on another origin that records the headers it gets,
 * hold requests at a gate until several are in flight together, refuse one manifest, and answer conditional manifest
 * PUTs (If-Match) with 412.
 */
final class FaultInjectingProxy implements AutoCloseable {
    static final String USER = "proxy-user";
    static final String PASSWORD = "proxy-Secret-42";

    private final String user;
    private final String password;
    /** Every Authorization header the proxy received ("" for none), in order. */
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** When set, the proxy demands a bearer token from this realm instead of Basic credentials. */
    volatile String bearerRealm;
    /** The token the proxy accepts in bearer mode. */
    volatile String bearerToken;
    /** Gets every authenticated request first; answering it (returning true) keeps it from the registry. */
    volatile Hostile hostile;
    /** Manifest GET answers carry this Docker-Content-Digest instead of the registry's. */
    volatile String lyingManifestDigest;
    /** Manifest HEAD answers leave out Docker-Content-Digest. */
    volatile boolean hideManifestHeadDigest;

    /** A hostile answer to one request; true when it answered. */
    interface Hostile {
        boolean answer(HttpExchange exchange, String method, String path) throws IOException;
    }

    private final HttpServer proxy;
    private final HttpServer blobStore;
    private final URI upstream;
    private final HttpClient client = HttpClient.newHttpClient();
    final AtomicInteger unavailableLeft = new AtomicInteger();
    final List<String> blobStoreAuthorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger blobStoreRequests = new AtomicInteger();
    final AtomicInteger proxiedRequests = new AtomicInteger();
    volatile boolean redirectBlobs;
    /** PUT bodies larger than this get 413, like registries behind a proxy with a body limit. */
    volatile long maxPutBody = Long.MAX_VALUE;
    final AtomicInteger patches = new AtomicInteger();
    final AtomicInteger refusedPuts = new AtomicInteger();
    /** Answers manifest PUTs without Docker-Content-Digest, as registries that only send Location do. */
    volatile boolean hideManifestPutDigest;
    /** "METHOD path" of every authenticated request, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Requests it matches wait there before they are forwarded; null lets everything through at once. */
    volatile ArrivalGate gate;
    /** A manifest PUT whose path contains this gets 400 MANIFEST_INVALID instead of reaching the registry. */
    volatile String refusedManifest;
    /** The If-Match header of every manifest PUT ("" when it had none), in order. */
    final List<String> manifestPutIfMatch = new CopyOnWriteArrayList<>();
    /** Answers a manifest PUT carrying If-Match with 412, as a registry with conditional writes does when the tag moved. */
    volatile boolean failConditionalPuts;
    /** A blob upload (PUT ...?digest=) or mount of this digest gets 400 BLOB_UPLOAD_INVALID. */
    volatile String refusedBlob;
    /**
     * Implements the referrers API in front of a registry that lacks it (distribution 2.8.2): remembers every manifest
     * PUT with a {@code subject}, answers it with {@code OCI-Subject}, and serves {@code GET /v2/<name>/referrers/<digest>}
     * as an OCI index of those manifests' descriptors (artifactType and annotations copied).
     */
    volatile boolean referrersApi;
    private final java.util.Map<String, java.util.List<io.imagepromotion.core.referrers.Descriptor>> referrersBySubject =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "proxy-handler");
        t.setDaemon(true);
        return t;
    });

    /**
     * Holds each matching request until {@code parties} of them have arrived, so they are answered only if they were
     * in flight at the same time. One that waits out the timeout goes on alone and counts as timed out, so sequential
     * requests still finish, slowly, and the test can say what happened.
     */
    static final class ArrivalGate {
        private final String method;
        private final String pathPart;
        private final CountDownLatch arrivals;
        private final Duration timeout;
        final AtomicInteger arrived = new AtomicInteger();
        final AtomicInteger timedOut = new AtomicInteger();

        ArrivalGate(String method, String pathPart, int parties, Duration timeout) {
            this.method = method;
            this.pathPart = pathPart;
            this.arrivals = new CountDownLatch(parties);
            this.timeout = timeout;
        }

        void pass(String requestMethod, String path) {
            if (!requestMethod.equals(method) || !path.contains(pathPart)) {
                return;
            }
            arrived.incrementAndGet();
            arrivals.countDown();
            try {
                if (!arrivals.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    FaultInjectingProxy(URI upstream) throws IOException {
        this(upstream, USER, PASSWORD);
    }

    /** A proxy that demands {@code user}:{@code password} by Basic auth. */
    FaultInjectingProxy(URI upstream, String user, String password) throws IOException {
        this.upstream = upstream;
        this.user = user;
        this.password = password;
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        proxy.createContext("/", this::handleProxy);
        // Requests are handled concurrently, as a registry does, or the gate could never open.
        proxy.setExecutor(handlers);
        proxy.start();
        blobStore = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        blobStore.createContext("/", this::handleBlobStore);
        blobStore.start();
    }

    /** The proxy's address as a registry host. */
    String host() {
        return "127.0.0.1:" + proxy.getAddress().getPort();
    }

    private void handleProxy(HttpExchange ex) throws IOException {
        proxiedRequests.incrementAndGet();
        String realm = bearerRealm;
        String expected = realm != null ? "Bearer " + bearerToken
                : "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
        String sent = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(sent == null ? "" : sent);
        if (!expected.equals(sent)) {
            ex.getResponseHeaders().add("WWW-Authenticate", realm != null
                    ? "Bearer realm=\"" + realm + "\",service=\"hostile\",scope=\"repository:dev/app:pull\""
                    : "Basic realm=\"proxy\"");
            respond(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes());
            return;
        }
        if (unavailableLeft.getAndDecrement() > 0) {
            ex.getResponseHeaders().add("Retry-After", "0");
            respond(ex, 503, new byte[0]);
            return;
        }
        String path = ex.getRequestURI().getRawPath();
        requests.add(ex.getRequestMethod() + " " + path);
        Hostile h = hostile;
        if (h != null && h.answer(ex, ex.getRequestMethod(), path)) {
            return;
        }
        if (redirectBlobs && ex.getRequestMethod().equals("GET") && path.contains("/blobs/sha256:")) {
            // Another origin: "localhost" instead of "127.0.0.1", another port.
            ex.getResponseHeaders().add("Location", "http://localhost:" + blobStore.getAddress().getPort() + path);
            respond(ex, 307, new byte[0]);
            return;
        }
        ArrivalGate g = gate;
        if (g != null) {
            g.pass(ex.getRequestMethod(), path);
        }
        if (ex.getRequestMethod().equals("PUT") && path.contains("/manifests/")) {
            String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
            manifestPutIfMatch.add(ifMatch == null ? "" : ifMatch);
            if (ifMatch != null && failConditionalPuts) {
                ex.getRequestBody().readAllBytes();
                respond(ex, 412, "{\"errors\":[{\"code\":\"PRECONDITION_FAILED\",\"message\":\"tag moved\"}]}".getBytes());
                return;
            }
        }
        String refused = refusedManifest;
        if (refused != null && ex.getRequestMethod().equals("PUT") && path.contains("/manifests/") && path.contains(refused)) {
            ex.getRequestBody().readAllBytes();
            respond(ex, 400, "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"manifest invalid\"}]}".getBytes());
            return;
        }
        String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        String refusedDigest = refusedBlob;
        if (refusedDigest != null && path.contains("/blobs/uploads/")
                && java.net.URLDecoder.decode(query, java.nio.charset.StandardCharsets.UTF_8).contains(refusedDigest)
                && (ex.getRequestMethod().equals("PUT") || query.contains("mount="))) {
            ex.getRequestBody().readAllBytes();
            respond(ex, 400, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\",\"message\":\"blob upload invalid\"}]}".getBytes());
            return;
        }
        if (referrersApi) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("/v2/(.+)/referrers/(sha256:[0-9a-f]{64})").matcher(path);
            if (m.matches() && ex.getRequestMethod().equals("GET")) {
                byte[] index = new io.imagepromotion.core.referrers.ReferrersIndex(
                        referrersBySubject.getOrDefault(m.group(1) + "@" + m.group(2), List.of())).toManifest().bytes();
                ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.index.v1+json");
                respond(ex, 200, index);
                return;
            }
            if (ex.getRequestMethod().equals("PUT") && path.contains("/manifests/")) {
                byte[] body = ex.getRequestBody().readAllBytes();
                String subject = rememberReferrer(path, body);
                if (subject != null) {
                    ex.getResponseHeaders().add("OCI-Subject", subject);
                }
                forward(ex, path + (query.isEmpty() ? "" : "?" + query), body);
                return;
            }
        }
        if (ex.getRequestMethod().equals("PATCH")) {
            patches.incrementAndGet();
        }
        long declared = Long.parseLong(java.util.Objects.requireNonNullElse(ex.getRequestHeaders().getFirst("Content-Length"), "0"));
        if (ex.getRequestMethod().equals("PUT") && path.contains("/blobs/uploads/") && declared > maxPutBody) {
            refusedPuts.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            respond(ex, 413, new byte[0]);
            return;
        }
        forward(ex, ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
    }

    private void handleBlobStore(HttpExchange ex) throws IOException {
        blobStoreRequests.incrementAndGet();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            blobStoreAuthorizations.add(auth);
        }
        forward(ex, ex.getRequestURI().getRawPath());
    }

    /** Remembers a manifest with a subject for the referrers API; returns the subject digest, or null. */
    private String rememberReferrer(String path, byte[] body) {
        try {
            io.imagepromotion.core.json.JsonValue tree = io.imagepromotion.core.json.JsonValue.parse(body);
            if (!tree.has("subject")) {
                return null;
            }
            String subject = tree.path("subject").path("digest").asText();
            String repository = path.substring("/v2/".length(), path.indexOf("/manifests/"));
            java.util.Map<String, String> annotations = new java.util.LinkedHashMap<>();
            tree.path("annotations").fields().forEach((k, v) -> annotations.put(k, v.asText()));
            String artifactType = tree.path("artifactType").asText(tree.path("config").path("mediaType").asText(null));
            io.imagepromotion.core.referrers.Descriptor d = new io.imagepromotion.core.referrers.Descriptor(
                    tree.path("mediaType").asText(), io.imagepromotion.core.digest.Digest.sha256(body), body.length, artifactType, annotations);
            referrersBySubject.compute(repository + "@" + subject, (k, v) -> {
                java.util.List<io.imagepromotion.core.referrers.Descriptor> all = v == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(v);
                if (all.stream().noneMatch(x -> x.digest().equals(d.digest()))) {
                    all.add(d);
                }
                return all;
            });
            return subject;
        } catch (IOException e) {
            return null;
        }
    }

    private void forward(HttpExchange ex, String pathAndQuery) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        forward(ex, pathAndQuery, body);
    }

    private void forward(HttpExchange ex, String pathAndQuery, byte[] body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(upstream.resolve(pathAndQuery))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("Accept", "Content-Type", "Content-Range")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        HttpResponse<byte[]> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        Set<String> passed = Set.of("content-type", "docker-content-digest", "location", "docker-upload-uuid", "range");
        boolean manifest = pathAndQuery.contains("/manifests/");
        boolean hideDigest = manifest && ((hideManifestPutDigest && ex.getRequestMethod().equals("PUT"))
                || (hideManifestHeadDigest && ex.getRequestMethod().equals("HEAD")));
        String lie = manifest && ex.getRequestMethod().equals("GET") ? lyingManifestDigest : null;
        if (lie != null) {
            ex.getResponseHeaders().add("Docker-Content-Digest", lie);
        }
        r.headers().map().forEach((k, v) -> {
            boolean digestHeader = k.equalsIgnoreCase("docker-content-digest");
            if (passed.contains(k.toLowerCase()) && !(digestHeader && (hideDigest || lie != null))) {
                v.forEach(value -> ex.getResponseHeaders().add(k, value.replace(upstream.getAuthority(), host())));
            }
        });
        if (ex.getRequestMethod().equals("HEAD")) {
            r.headers().firstValue("Content-Length").ifPresent(len -> ex.getResponseHeaders().add("Content-Length", len));
            ex.sendResponseHeaders(r.statusCode(), -1);
            ex.close();
            return;
        }
        respond(ex, r.statusCode(), r.body());
    }

    static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        proxy.stop(0);
        blobStore.stop(0);
        handlers.shutdownNow();
    }
}
