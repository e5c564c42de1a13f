package io.imagepromotion.core.transport;

import io.imagepromotion.core.auth.AuthChallenge;
import io.imagepromotion.core.auth.BearerToken;
import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.TokenScopes;
import io.imagepromotion.core.error.AuthenticationException;
import io.imagepromotion.core.error.RegistryErrorCode;
import io.imagepromotion.core.error.RegistryException;
import io.imagepromotion.core.error.TransportException;
import io.imagepromotion.core.json.JsonValue;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sends requests to registries: picks the scheme each host allows, authenticates (anonymous, Basic, Bearer token
 * challenge flow with one token request per scope set at a time, cached until expiry), follows redirects by hand
 * without ever sending credentials to another host, and retries connection errors and 429/502/503/504 with jittered
 * backoff. Error statuses other than those are returned for the caller to interpret.
 */
public final class RegistryTransport implements AutoCloseable {
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_TOKEN_BODY = 1024 * 1024;

    private final TransportSettings settings;
    private volatile HttpClient verifying;
    private volatile HttpClient nonVerifying;
    private volatile HttpClient plainHttp;
    private final ConcurrentHashMap<String, HostState> hosts = new ConcurrentHashMap<>();
    private final List<java.util.concurrent.ExecutorService> executors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<HttpClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger registryRequests = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile Consumer<String> warnings = w -> { };
    private final BodyTimeouts bodyTimeouts = new BodyTimeouts();

    public RegistryTransport(TransportSettings settings) {
        this.settings = settings;
        // Clients are made on first use: loading the trust store costs ~0.1 s, wasted on plain-HTTP registries, and
        // plain HTTP gets a client without TLS at all.
    }

    private HttpClient newClient(javax.net.ssl.SSLContext ssl) {
        return newClient(ssl, null);
    }

    private HttpClient newClient(javax.net.ssl.SSLContext ssl, javax.net.ssl.SSLParameters parameters) {
        // Daemon threads: a CLI must be able to exit even if a caller forgets close(); close() ends them in a
        // long-lived JVM such as a Jenkins agent.
        java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "registry-http");
            t.setDaemon(true);
            return t;
        });
        executors.add(executor);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .sslContext(ssl)
                .executor(executor);
        if (parameters != null) {
            builder.sslParameters(parameters);
        }
        HttpClient client = builder.build();
        clients.add(client);
        return client;
    }

    public TransportSettings settings() {
        return settings;
    }

    /** Where retries and fallbacks are reported. */
    public void onWarning(Consumer<String> sink) {
        this.warnings = sink;
    }

    /** Requests sent to registries so far (token service requests are counted separately). */
    public int requestCount() {
        return registryRequests.get();
    }

    public int tokenRequestCount() {
        return tokenRequests.get();
    }

    /**
     * Scopes the caller will need on {@code registry} soon; the next token request for that host asks for all of
     * them at once, so a promotion needs one token, not one per repository and action.
     */
    public void anticipateScopes(String registry, Collection<String> scopes) {
        HostState state = state(registry);
        synchronized (state) {
            state.anticipated = state.anticipated.union(TokenScopes.of(scopes));
        }
    }

    /** Sends a request and buffers up to {@code maxBody} bytes of the answer; longer answers fail. */
    public RegistryResponse send(RegistryRequest request, long maxBody) {
        RegistryResponse streamed = exchange(request);
        if (request.method().equals("HEAD")) {
            streamed.close();
            return new RegistryResponse(streamed.status(), streamed.headers(), streamed.uri(), new byte[0], null);
        }
        long limit = streamed.isSuccess() ? maxBody : MAX_ERROR_BODY;
        try (InputStream in = bodyTimeouts.whole(streamed.stream(), settings.requestTimeout())) {
            long declared = streamed.contentLength();
            if (streamed.isSuccess() && declared > limit) {
                throw new BodyTooLargeException(declared, limit);
            }
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                if (!streamed.isSuccess()) {
                    body = java.util.Arrays.copyOf(body, (int) limit);
                } else {
                    throw new BodyTooLargeException(-1, limit);
                }
            }
            return new RegistryResponse(streamed.status(), streamed.headers(), streamed.uri(), body, null);
        } catch (HttpTimeoutException e) {
            throw new TransportException("reading the answer to " + request.describe() + " from " + request.registry()
                    + " failed: " + e.getMessage() + "; the registry stalled or is too slow (a longer --request-timeout"
                    + " allows more)", e);
        } catch (IOException e) {
            throw new TransportException("reading the answer to " + request.describe() + " failed: " + describe(e), e);
        }
    }

    /**
     * Sends a request and returns the answer's body as a stream, which the caller must close. A body that brings no
     * data for the request timeout fails its read: a stalled registry cannot hold a copy forever.
     */
    public RegistryResponse open(RegistryRequest request) {
        RegistryResponse streamed = exchange(request);
        InputStream guarded = streamed.stream() == null ? null : bodyTimeouts.progressing(streamed.stream(), settings.requestTimeout());
        return new RegistryResponse(streamed.status(), streamed.headers(), streamed.uri(), streamed.body(), guarded);
    }

    /** {@code 90s} as "90 s", {@code 2m} as "2 min", for messages. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** Thrown by {@link #send} when an answer is larger than the caller allows. */
    public static final class BodyTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        BodyTooLargeException(long declared, long limit) {
            super(declared >= 0 ? "answer of " + declared + " bytes exceeds the limit of " + limit
                    : "answer exceeds the limit of " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private RegistryResponse exchange(RegistryRequest request) {
        HostState state = state(request.registry());
        RetryPolicy retry = settings.retryPolicy();
        Instant deadline = Instant.now().plus(retry.maxTotal());
        boolean replayable = request.body() == null || request.body().replayable();
        boolean authRetried = false;
        int attempt = 0;
        while (true) {
            attempt++;
            String scheme = schemeFor(state);
            URI uri = URI.create(scheme + "://" + request.registry() + request.path());
            Authorization auth = authorizationFor(state, request);
            HttpResponse<InputStream> response;
            try {
                response = clientFor(state, scheme).send(build(request, uri, auth.header()), HttpResponse.BodyHandlers.ofInputStream());
            } catch (SSLException e) {
                if (state.scheme == null && isPlainHttpServer(e) && mayUsePlainHttp(request.registry())) {
                    state.scheme = "http";
                    attempt--;
                    continue;
                }
                throw tlsFailure(request, e);
            } catch (IOException e) {
                java.util.Optional<BodyTimeouts.BodyTimeoutException> stalled = BodyTimeouts.BodyTimeoutException.in(e);
                if (stalled.isPresent()) {
                    // The body this request streams (a blob read from another registry) stopped: not this host's fault.
                    throw new TransportException(request.describe() + " to " + request.registry() + " failed: the content"
                            + " it streams stopped arriving from its source: " + stalled.get().getMessage(), e);
                }
                boolean tlsRefused = e.getCause() instanceof SSLException ssl && isPlainHttpServer(ssl);
                // A plain-HTTP server that ignores a TLS hello lets the handshake time out instead of failing it.
                boolean tlsIgnored = e instanceof java.net.http.HttpConnectTimeoutException && "https".equals(scheme);
                if (state.scheme == null && mayUsePlainHttp(request.registry()) && (tlsRefused || tlsIgnored)) {
                    state.scheme = "http";
                    attempt--;
                    continue;
                }
                if (state.scheme == null && "http".equals(scheme) && !(e instanceof ConnectException)) {
                    // A TLS server may just drop a plain request: try TLS before giving up.
                    state.candidate = "https";
                    attempt--;
                    continue;
                }
                if (replayable && attempt < retry.maxAttempts() && isRetryable(e) && sleepBeforeRetry(retry, attempt, null, deadline,
                        request.describe() + ": " + describe(e))) {
                    continue;
                }
                throw new TransportException("cannot reach registry " + request.registry() + " (" + request.describe()
                        + "): " + describe(e) + "; check the host and port, and that the registry is running", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted during " + request.describe(), e);
            }
            if (state.scheme == null && "http".equals(scheme) && response.statusCode() == 400
                    && response.headers().firstValue("Docker-Distribution-Api-Version").isEmpty()
                    && !"https".equals(state.candidate)) {
                // "Client sent an HTTP request to an HTTPS server": a TLS port on loopback. Ask again over TLS.
                drain(response);
                state.candidate = "https";
                attempt--;
                continue;
            }
            if (state.scheme == null) {
                state.scheme = scheme;
            }
            // Counted here: a probe answered by the TLS layer never reached the registry (nor its access log).
            registryRequests.incrementAndGet();
            int status = response.statusCode();
            if (status == 401) {
                List<AuthChallenge> challenges = AuthChallenge.parse(response.headers().allValues("WWW-Authenticate"));
                if (!authRetried && replayable && learnChallenge(state, request, challenges, auth)) {
                    drain(response);
                    authRetried = true;
                    attempt--;
                    continue;
                }
            }
            if (RetryPolicy.isRetryableStatus(status) && replayable && attempt < retry.maxAttempts()) {
                Duration retryAfter = retryAfter(response.headers()).orElse(null);
                drain(response);
                if (sleepBeforeRetry(retry, attempt, retryAfter, deadline, request.describe() + ": HTTP " + status)) {
                    continue;
                }
                // Out of time: send once more is not allowed; report the status we saw.
                return new RegistryResponse(status, response.headers(), uri, null, InputStream.nullInputStream());
            }
            if (isRedirect(status) && (request.method().equals("GET") || request.method().equals("HEAD"))) {
                return followRedirects(request, response, auth.header());
            }
            return new RegistryResponse(status, response.headers(), uri, null, response.body());
        }
    }

    private RegistryResponse followRedirects(RegistryRequest request, HttpResponse<InputStream> first, String authorization) {
        HttpResponse<InputStream> response = first;
        URI origin = response.uri();
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            Optional<String> location = response.headers().firstValue("Location");
            drain(response);
            if (location.isEmpty()) {
                throw new TransportException(request.describe() + " was redirected without a Location header");
            }
            URI next = response.uri().resolve(location.get());
            if (!"https".equals(next.getScheme()) && !"http".equals(next.getScheme())) {
                throw new TransportException(request.describe() + " was redirected to an unsupported scheme " + next.getScheme());
            }
            if ("http".equals(next.getScheme()) && "https".equals(origin.getScheme())) {
                throw new TransportException(request.describe() + " was redirected from HTTPS to plain HTTP; refusing");
            }
            // Credentials belong to the registry: a blob store or CDN on another origin gets none.
            boolean sameOrigin = sameOrigin(origin, next);
            HttpRequest.Builder b = HttpRequest.newBuilder(next).method(request.method(), HttpRequest.BodyPublishers.noBody())
                    .header("User-Agent", settings.userAgent()).timeout(settings.requestTimeout());
            request.headers().forEach(b::header);
            if (sameOrigin && authorization != null) {
                b.header("Authorization", authorization);
            }
            try {
                HttpClient client = sameOrigin ? clientFor(state(request.registry()), next.getScheme())
                        : clientFor(next.getScheme(), settings.isInsecure(next.getAuthority()));
                response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                registryRequests.incrementAndGet();
            } catch (IOException e) {
                throw new TransportException("following the redirect of " + request.describe() + " to " + next.getHost()
                        + " failed: " + describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted during " + request.describe(), e);
            }
            if (!isRedirect(response.statusCode())) {
                return new RegistryResponse(response.statusCode(), response.headers(), next, null, response.body());
            }
        }
        drain(response);
        throw new TransportException(request.describe() + " was redirected more than " + MAX_REDIRECTS + " times");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI u) {
        return u.getPort() >= 0 ? u.getPort() : ("https".equalsIgnoreCase(u.getScheme()) ? 443 : 80);
    }

    private HttpRequest build(RegistryRequest request, URI uri, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("User-Agent", settings.userAgent());
        request.headers().forEach(b::header);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        RegistryRequest.RequestBody body = request.body();
        if (body == null) {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
            b.timeout(settings.requestTimeout());
        } else if (body instanceof RegistryRequest.Bytes bytes) {
            if (bytes.contentType() != null) {
                b.header("Content-Type", bytes.contentType());
            }
            b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(bytes.content()));
            b.timeout(settings.requestTimeout());
        } else if (body instanceof RegistryRequest.Stream stream) {
            if (stream.contentType() != null) {
                b.header("Content-Type", stream.contentType());
            }
            // No overall timeout: a large blob legitimately takes longer than any fixed bound.
            b.method(request.method(), HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(stream.content()), stream.length()));
        }
        return b.build();
    }

    // ---- scheme and TLS ------------------------------------------------------------------------------------------

    /**
     * The scheme to use for the next request. Decided hosts keep theirs. Loopback hosts try plain HTTP first (most
     * local registries speak it; no trust store, no failed handshake; nothing leaves the machine); hosts named
     * insecure try TLS first, as Docker does; every other host only ever gets HTTPS.
     */
    private String schemeFor(HostState state) {
        String decided = state.scheme;
        if (decided != null) {
            return decided;
        }
        if (state.candidate == null) {
            boolean loopbackPlain = LoopbackHosts.isLoopback(state.registry) && !settings.isInsecure(state.registry);
            state.candidate = loopbackPlain ? "http" : "https";
        }
        return state.candidate;
    }

    private HttpClient clientFor(HostState state, String scheme) {
        return clientFor(scheme, settings.isInsecure(state.registry));
    }

    /** Plain HTTP gets the client that has no TLS at all; HTTPS verifies unless the host was named insecure. */
    private HttpClient clientFor(String scheme, boolean insecure) {
        if ("http".equalsIgnoreCase(scheme)) {
            return plainClient();
        }
        return insecure ? nonVerifyingClient() : verifyingClient();
    }

    private HttpClient plainClient() {
        HttpClient c = plainHttp;
        if (c == null) {
            synchronized (this) {
                if (plainHttp == null) {
                    plainHttp = newClient(NoTlsContext.create(), NoTlsContext.parameters());
                }
                c = plainHttp;
            }
        }
        return c;
    }

    private HttpClient verifyingClient() {
        HttpClient c = verifying;
        if (c == null) {
            synchronized (this) {
                if (verifying == null) {
                    verifying = newClient(TlsContexts.verifying(settings.caCertificatesPem()));
                }
                c = verifying;
            }
        }
        return c;
    }

    private HttpClient nonVerifyingClient() {
        HttpClient c = nonVerifying;
        if (c == null) {
            synchronized (this) {
                if (nonVerifying == null) {
                    nonVerifying = newClient(TlsContexts.nonVerifying());
                }
                c = nonVerifying;
            }
        }
        return c;
    }

    /** Plain HTTP only for loopback hosts or hosts the user named insecure. */
    boolean mayUsePlainHttp(String registry) {
        return settings.isInsecure(registry) || LoopbackHosts.isLoopback(registry);
    }

    private static boolean isPlainHttpServer(SSLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("unrecognized ssl message") || m.contains("plaintext connection") || m.contains("unsupported or unrecognized");
    }

    private TransportException tlsFailure(RegistryRequest request, SSLException e) {
        String hint = e instanceof SSLHandshakeException
                ? "; the certificate is not trusted: pass the registry's CA with --ca-cert (Jenkins: the registry's CA"
                + " certificate in the global configuration), or name the host with --insecure-registry"
                : "";
        return new TransportException("TLS connection to " + request.registry() + " failed: " + e.getMessage() + hint, e);
    }

    // ---- auth ----------------------------------------------------------------------------------------------------

    private record Authorization(String header, TokenScopes tokenScopes) {
        static final Authorization NONE = new Authorization(null, null);
    }

    private Authorization authorizationFor(HostState state, RegistryRequest request) {
        Credential credential = settings.credentials().credentialFor(request.registry());
        if (credential instanceof Credential.RegistryToken t) {
            return new Authorization("Bearer " + t.token(), null);
        }
        AuthChallenge challenge = state.challenge;
        if (challenge == null) {
            return Authorization.NONE;
        }
        if (challenge.isBasic()) {
            return credential instanceof Credential.UsernamePassword up
                    ? new Authorization(basic(up), null) : Authorization.NONE;
        }
        if (challenge.isBearer()) {
            TokenScopes needed = TokenScopes.of(request.scopes());
            BearerToken token = tokenFor(state, challenge, needed, credential);
            return new Authorization("Bearer " + token.token(), token.scopes());
        }
        return Authorization.NONE;
    }

    /** Records what a 401 asked for; true when a retry with (new) credentials can succeed. */
    private boolean learnChallenge(HostState state, RegistryRequest request, List<AuthChallenge> challenges, Authorization sent) {
        Credential credential = settings.credentials().credentialFor(request.registry());
        if (credential instanceof Credential.RegistryToken) {
            return false;
        }
        AuthChallenge bearer = challenges.stream().filter(AuthChallenge::isBearer).findFirst().orElse(null);
        if (bearer != null) {
            TokenScopes needed = TokenScopes.of(request.scopes()).union(TokenScopes.of(bearer.scopes()));
            if (sent.tokenScopes() != null && sent.tokenScopes().covers(needed)) {
                return false; // the token asked for all of it and the registry still says no: not ours to fix
            }
            synchronized (state) {
                state.challenge = bearer;
                state.anticipated = state.anticipated.union(needed);
            }
            return true;
        }
        AuthChallenge basic = challenges.stream().filter(AuthChallenge::isBasic).findFirst().orElse(null);
        if (basic != null && credential instanceof Credential.UsernamePassword && sent.header() == null) {
            state.challenge = basic;
            return true;
        }
        return false;
    }

    private BearerToken tokenFor(HostState state, AuthChallenge challenge, TokenScopes needed, Credential credential) {
        // One fetch per host at a time: parallel blob workers that all hit a 401 share the first one's token.
        synchronized (state) {
            Instant now = Instant.now();
            for (BearerToken cached : state.tokens) {
                if (cached.usableFor(needed, now)) {
                    return cached;
                }
            }
            TokenScopes ask = needed.union(state.anticipated);
            BearerToken fresh = fetchToken(state.registry, challenge, ask, credential);
            state.tokens.removeIf(t -> !t.expiresAt().isAfter(now));
            state.tokens.add(0, fresh);
            return fresh;
        }
    }

    private BearerToken fetchToken(String registry, AuthChallenge challenge, TokenScopes scopes, Credential credential) {
        String realm = challenge.parameter("realm");
        if (realm == null || realm.isBlank()) {
            throw new TransportException("registry " + registry + " asked for a bearer token without naming a realm");
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new TransportException("registry " + registry + " named an invalid token realm");
        }
        if (realmUri.getHost() == null) {
            throw new TransportException("registry " + registry + " named a token realm without a host");
        }
        boolean plainRealm = "http".equalsIgnoreCase(realmUri.getScheme());
        if (!plainRealm && !"https".equalsIgnoreCase(realmUri.getScheme())) {
            throw new TransportException("registry " + registry + " named a token realm with scheme " + realmUri.getScheme());
        }
        String realmAuthority = realmUri.getPort() >= 0 ? realmUri.getHost() + ":" + realmUri.getPort() : realmUri.getHost();
        // The realm gets the registry's credentials, as the registry's answer directs (Docker and crane do the same,
        // and token services usually live on another host). Over plain HTTP only where nothing is downgraded: the
        // realm host may speak plain HTTP (loopback or named insecure) and so may the registry itself; a registry
        // reached over HTTPS never sends its credentials over plain HTTP, not even to loopback.
        boolean realmMayBePlain = mayUsePlainHttp(realmAuthority) || mayUsePlainHttp(realmUri.getHost());
        if (plainRealm && !(realmMayBePlain && mayUsePlainHttp(registry))) {
            throw new TransportException("registry " + registry + " named a plain-HTTP token realm on " + realmUri.getHost()
                    + "; refusing to send credentials there without TLS (the realm must be https://; name both hosts"
                    + " with --insecure-registry if plain HTTP is intended)");
        }
        StringBuilder query = new StringBuilder();
        String service = challenge.parameter("service");
        if (service != null) {
            query.append("service=").append(encode(service));
        }
        for (String scope : scopes.asScopeParameters()) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
        }
        if (credential instanceof Credential.UsernamePassword up) {
            query.append(query.length() > 0 ? "&" : "").append("account=").append(encode(up.username()));
        }
        String base = realm.contains("?") ? realm + "&" : realm + "?";
        URI uri = URI.create(query.length() == 0 ? realm : base + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("User-Agent", settings.userAgent())
                .timeout(settings.requestTimeout());
        if (credential instanceof Credential.UsernamePassword up) {
            b.header("Authorization", basic(up));
        }
        HttpClient client = clientFor(realmUri.getScheme(),
                settings.isInsecure(realmAuthority) || settings.isInsecure(realmUri.getHost()));
        HttpResponse<InputStream> response;
        byte[] body;
        Instant requestedAt = Instant.now();
        RetryPolicy retry = settings.retryPolicy();
        Instant deadline = requestedAt.plus(retry.maxTotal());
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                response = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                tokenRequests.incrementAndGet();
                try (InputStream in = bodyTimeouts.whole(response.body(), settings.requestTimeout())) {
                    body = in.readNBytes(MAX_TOKEN_BODY);
                }
            } catch (SSLException e) {
                throw new TransportException("TLS connection to token service " + realmUri.getHost() + " failed: " + e.getMessage(), e);
            } catch (IOException e) {
                if (attempt < retry.maxAttempts() && sleepBeforeRetry(retry, attempt, null, deadline, "token request: " + describe(e))) {
                    continue;
                }
                throw new TransportException("cannot reach the token service of " + registry + " at " + realmUri.getHost()
                        + ": " + describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted while requesting a token", e);
            }
            if (RetryPolicy.isRetryableStatus(response.statusCode()) && attempt < retry.maxAttempts()
                    && sleepBeforeRetry(retry, attempt, retryAfter(response.headers()).orElse(null), deadline,
                    "token request: HTTP " + response.statusCode())) {
                continue;
            }
            break;
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            String who = credential instanceof Credential.UsernamePassword up ? "user " + up.username() : "anonymous access";
            throw new AuthenticationException("the token service of " + registry + " rejected " + who + " (HTTP " + status
                    + "); check the credentials", status, errorCodes(registry, body), null, "GET token " + realmUri.getHost());
        }
        if (status < 200 || status >= 300) {
            throw new RegistryException("the token service of " + registry + " answered HTTP " + status, status,
                    errorCodes(registry, body), null, "GET token " + realmUri.getHost());
        }
        try {
            JsonValue json = JsonValue.parse(body);
            String token = json.path("token").asText("");
            if (token.isEmpty()) {
                token = json.path("access_token").asText("");
            }
            if (token.isEmpty()) {
                throw new TransportException("the token service of " + registry + " answered without a token");
            }
            long expiresIn = json.path("expires_in").asLong(60);
            if (expiresIn < 60) {
                expiresIn = 60; // the distribution spec's minimum: smaller values are treated as 60
            }
            Instant issued = requestedAt;
            String issuedAt = json.path("issued_at").asText("");
            if (!issuedAt.isEmpty()) {
                try {
                    Instant parsed = Instant.parse(issuedAt);
                    // Trust the server's clock only for ordering within our own window.
                    issued = parsed.isBefore(requestedAt) ? parsed : requestedAt;
                } catch (RuntimeException ignored) {
                    // keep the local time
                }
            }
            return new BearerToken(token, scopes, issued.plusSeconds(expiresIn));
        } catch (IOException e) {
            throw new TransportException("the token service of " + registry + " answered with invalid JSON");
        }
    }

    private static String basic(Credential.UsernamePassword up) {
        return "Basic " + Base64.getEncoder().encodeToString((up.username() + ":" + up.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- retries ---------------------------------------------------------------------------------------------------

    private boolean sleepBeforeRetry(RetryPolicy retry, int attempt, Duration retryAfter, Instant deadline, String why) {
        Duration delay = retry.delayAfter(attempt, retryAfter);
        if (Instant.now().plus(delay).isAfter(deadline)) {
            return false;
        }
        warnings.accept("retrying after " + why + " (attempt " + (attempt + 1) + " of " + retry.maxAttempts()
                + ", in " + delay.toMillis() + " ms)");
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isRetryable(IOException e) {
        return e instanceof ConnectException || e instanceof HttpTimeoutException
                || e instanceof java.net.http.HttpConnectTimeoutException || !(e instanceof SSLException);
    }

    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(Instant.now(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Reads what is left of an answer we do not need, so its connection can be reused; bounded in size and time. */
    private void drain(HttpResponse<InputStream> response) {
        try (InputStream in = bodyTimeouts.whole(response.body(), settings.requestTimeout())) {
            in.skip(MAX_ERROR_BODY);
        } catch (IOException ignored) {
            // the connection is discarded either way
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * The error codes of an answer from {@code registry} (or its token service), with every secret this transport
     * holds for it masked: a hostile or careless server may echo the credentials it was sent.
     */
    public List<RegistryErrorCode> errorCodes(String registry, byte[] body) {
        return errorCodes(body).stream()
                .map(c -> new RegistryErrorCode(masked(registry, c.code()), masked(registry, c.message())))
                .toList();
    }

    /** {@code text} from a server with the password, Basic header, registry token and bearer tokens of {@code registry} masked. */
    public String masked(String registry, String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<String> secrets = new ArrayList<>();
        Credential credential = settings.credentials().credentialFor(registry);
        if (credential instanceof Credential.UsernamePassword up) {
            secrets.add(up.password());
            secrets.add(basic(up).substring("Basic ".length()));
        } else if (credential instanceof Credential.RegistryToken t) {
            secrets.add(t.token());
        }
        HostState state = hosts.get(registry);
        if (state != null) {
            synchronized (state) {
                state.tokens.forEach(t -> secrets.add(t.token()));
            }
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    /** Parses the distribution spec's error body; empty when there is none or it is not JSON. */
    public static List<RegistryErrorCode> errorCodes(byte[] body) {
        List<RegistryErrorCode> codes = new ArrayList<>();
        if (body == null || body.length == 0) {
            return codes;
        }
        try {
            JsonValue errors = JsonValue.parse(body).path("errors");
            for (JsonValue e : errors) {
                codes.add(new RegistryErrorCode(e.path("code").asText("UNKNOWN"), e.path("message").asText("")));
            }
        } catch (IOException | RuntimeException notJson) {
            // a proxy's HTML page or plain text: no codes
        }
        return codes;
    }

    private HostState state(String registry) {
        return hosts.computeIfAbsent(registry, HostState::new);
    }

    @Override
    public void close() {
        hosts.clear();
        bodyTimeouts.close();
        executors.forEach(java.util.concurrent.ExecutorService::shutdown);
        stopSelectorThreads();
    }

    /**
     * JDK 17's HTTP client has no close(): its selector thread waits in epoll until the client is garbage collected,
     * and a JVM exiting with a thread in native code waits 300 ms for it. Interrupting the thread ends it at once
     * (it checks for interruption after every select). Found by the name the JDK gives it,
     * {@code HttpClient-<id>-SelectorManager}, where the client's toString ends with {@code (<id>)}.
     */
    private void stopSelectorThreads() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (HttpClient client : clients) {
            String text = client.toString();
            int open = text.lastIndexOf('(');
            int close = text.lastIndexOf(')');
            if (open >= 0 && close > open) {
                names.add("HttpClient-" + text.substring(open + 1, close) + "-SelectorManager");
            }
        }
        if (names.isEmpty()) {
            return;
        }
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (names.contains(threads[i].getName())) {
                threads[i].interrupt();
            }
        }
    }

    /** What we learned about one registry host: its scheme, how it authenticates, its tokens. */
    private static final class HostState {
        final String registry;
        /** The scheme this host speaks, once known. */
        volatile String scheme;
        /** The scheme being tried while it is not known yet. */
        volatile String candidate;
        volatile AuthChallenge challenge;
        TokenScopes anticipated = TokenScopes.of(List.of());
        final List<BearerToken> tokens = new ArrayList<>();

        HostState(String registry) {
            this.registry = registry;
        }
    }
}
