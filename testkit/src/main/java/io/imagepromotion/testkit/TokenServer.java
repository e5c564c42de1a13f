package io.imagepromotion.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Docker registry token server (the "realm" of {@code auth.token}) on 127.0.0.1 and a free port.
 *
 * <p>{@code GET /token?service=..&scope=..&scope=..[&account=..]} with HTTP Basic credentials answers
 * {@code {"token","access_token","expires_in","issued_at"}}. The token is an RS256 JWT whose header carries
 * {@code x5c} = [standard-base64 DER of the signer certificate]; the signer certificate is issued by a token CA,
 * and {@link #rootCertBundle()} (the registry's {@code rootcertbundle}) holds that CA. Claims: iss, sub, aud (a string,
 * = service), exp/nbf/iat (integers), jti, access. Keys and certificates are made by the openssl CLI; signing is
 * java.security.
 *
 * <p>Rules: no credentials or a wrong password gives 401; a missing or foreign {@code service} gives 400; a scope
 * that is not {@code type:name:actions} gives 400. For each requested scope the granted actions are the
 * intersection of the requested actions and the user's allowed actions ("*" allowed = everything requested); a scope
 * with no granted action is left out of {@code access}. Every request is recorded in {@link #requests()}.
 */
public final class TokenServer implements AutoCloseable {

    /** A user of the token server and the actions it may be granted on any repository, e.g. {@code Set.of("pull")}. */
    public record TokenUser(String password, Set<String> allowedActions) {
        public TokenUser {
            Objects.requireNonNull(password, "password");
            allowedActions = Set.copyOf(allowedActions);
        }
    }

    /**
     * One request to /token.
     *
     * @param scopes  every scope requested, in order ("repository:dev/app:pull,push")
     * @param service the service parameter (null if absent)
     * @param account the account parameter (null if absent)
     * @param user    the Basic auth user name (null if anonymous), also recorded when the password was wrong
     * @param status  HTTP status answered
     * @param granted the access granted, one "type:name:actions" per entry (empty unless status 200)
     */
    public record TokenRequest(List<String> scopes, String service, String account, String user, int status,
                               List<String> granted) {
        public TokenRequest {
            scopes = List.copyOf(scopes);
            granted = List.copyOf(granted);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "testkit-registry";
    private static final String ISSUER = "testkit-token-issuer";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, TokenUser> users;
    private final PrivateKey signingKey;
    private final String x5c;
    private final Path rootCertBundle;
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
    private volatile int tokenLifetimeSeconds = 300;

    private TokenServer(HttpServer server, ExecutorService executor, Map<String, TokenUser> users,
                        PrivateKey signingKey, String x5c, Path rootCertBundle) {
        this.server = server;
        this.executor = executor;
        this.users = Map.copyOf(users);
        this.signingKey = signingKey;
        this.x5c = x5c;
        this.rootCertBundle = rootCertBundle;
    }

    /** Creates the token CA and signer in {@code dir} (openssl, RSA 2048) and starts serving. */
    public static TokenServer start(Path dir, Map<String, TokenUser> users) throws IOException {
        Files.createDirectories(dir);
        Path caKey = dir.resolve("token-ca.key");
        Path caCert = dir.resolve("token-ca.crt");
        Path signerKey = dir.resolve("token-signer.key");
        Path signerCsr = dir.resolve("token-signer.csr");
        Path signerCert = dir.resolve("token-signer.crt");
        Path signerExt = dir.resolve("token-signer.ext");
        Files.writeString(signerExt, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n");
        try {
            ExternalCommand.runOrThrow(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", caKey.toString(), "-sha256", "-days", "3650", "-subj", "/CN=image-promotion testkit token CA",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
                    "-out", caCert.toString()), 60);
            ExternalCommand.runOrThrow(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", signerKey.toString(), "-subj", "/CN=image-promotion testkit token signer",
                    "-out", signerCsr.toString()), 60);
            ExternalCommand.runOrThrow(List.of("openssl", "x509", "-req", "-in", signerCsr.toString(),
                    "-CA", caCert.toString(), "-CAkey", caKey.toString(), "-CAcreateserial", "-days", "825",
                    "-sha256", "-extfile", signerExt.toString(), "-out", signerCert.toString()), 60);
        } catch (CommandFailedException e) {
            throw new IOException("openssl could not create token signing material in " + dir, e);
        }
        PrivateKey key;
        String x5c;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(signerKey, "PRIVATE KEY")));
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(signerCert)) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            // x5c must be STANDARD base64 with padding; base64url is rejected by distribution ("illegal base64 data").
            x5c = Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load token signer key/certificate from " + dir, e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "testkit-token-server");
            thread.setDaemon(true);
            return thread;
        });
        TokenServer tokenServer = new TokenServer(server, executor, users, key, x5c, caCert);
        server.createContext("/token", tokenServer::handle);
        server.setExecutor(executor);
        server.start();
        return tokenServer;
    }

    public URI realm() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    public String service() {
        return SERVICE;
    }

    public String issuer() {
        return ISSUER;
    }

    /** The token CA certificate (PEM); configure it as the registry's {@code auth.token.rootcertbundle}. */
    public Path rootCertBundle() {
        return rootCertBundle;
    }

    public Map<String, TokenUser> users() {
        return users;
    }

    /** Every /token request so far, oldest first. */
    public List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * Lifetime of tokens minted from now on (exp = now + seconds; also {@code expires_in}). The registry allows 60 s
     * of clock leeway, so a token only counts as expired more than 60 s after exp; pass a negative value such as -120
     * to mint tokens that are already expired.
     */
    public void setTokenLifetimeSeconds(int seconds) {
        this.tokenLifetimeSeconds = seconds;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
            List<String> scopes = new ArrayList<>();
            for (String scopeParam : query.getOrDefault("scope", List.of())) {
                for (String scope : scopeParam.trim().split(" +")) {
                    if (!scope.isEmpty()) {
                        scopes.add(scope);
                    }
                }
            }
            String service = first(query, "service");
            String account = first(query, "account");
            String[] credentials = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
            String user = credentials == null ? null : credentials[0];

            if (!"GET".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, error("UNSUPPORTED", "only GET /token is implemented"), scopes, service, account, user, List.of());
                return;
            }
            TokenUser tokenUser = user == null ? null : users.get(user);
            if (tokenUser == null || !tokenUser.password().equals(credentials[1])) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"testkit-token-server\"");
                answer(exchange, 401, error("UNAUTHORIZED", "bad credentials"), scopes, service, account, user, List.of());
                return;
            }
            if (!SERVICE.equals(service)) {
                answer(exchange, 400, error("INVALID_REQUEST", "service must be " + SERVICE + ", got " + service),
                        scopes, service, account, user, List.of());
                return;
            }
            ArrayNode access = JSON.createArrayNode();
            List<String> granted = new ArrayList<>();
            for (String scope : scopes) {
                int firstColon = scope.indexOf(':');
                int lastColon = scope.lastIndexOf(':');
                if (firstColon <= 0 || lastColon <= firstColon + 1) {
                    answer(exchange, 400, error("INVALID_REQUEST", "malformed scope " + scope),
                            scopes, service, account, user, List.of());
                    return;
                }
                String type = scope.substring(0, firstColon);
                String name = scope.substring(firstColon + 1, lastColon);
                Set<String> actions = new LinkedHashSet<>();
                for (String action : scope.substring(lastColon + 1).split(",")) {
                    if (!action.isEmpty() && (tokenUser.allowedActions().contains(action)
                            || tokenUser.allowedActions().contains("*"))) {
                        actions.add(action);
                    }
                }
                if (actions.isEmpty()) {
                    continue;
                }
                ObjectNode entry = access.addObject().put("type", type).put("name", name);
                actions.forEach(entry.putArray("actions")::add);
                granted.add(type + ":" + name + ":" + String.join(",", actions));
            }
            int lifetime = tokenLifetimeSeconds;
            long now = Instant.now().getEpochSecond();
            String token = mint(user, access, now, lifetime);
            ObjectNode body = JSON.createObjectNode()
                    .put("token", token)
                    .put("access_token", token)
                    .put("expires_in", lifetime)
                    .put("issued_at", Instant.ofEpochSecond(now).toString());
            answer(exchange, 200, body, scopes, service, account, user, granted);
        }
    }

    private String mint(String subject, ArrayNode access, long now, int lifetime) {
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
        header.putArray("x5c").add(x5c);
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("sub", subject)
                .put("aud", SERVICE) // must be a JSON string: distribution 2.8.2 rejects an array
                .put("exp", now + lifetime)
                .put("nbf", now - 5)
                .put("iat", now)
                .put("jti", UUID.randomUUID().toString());
        claims.set("access", access);
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        try {
            String signingInput = b64url.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + b64url.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(signingKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64url.encodeToString(rs256.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new TestkitException("cannot sign token", e);
        }
    }

    private void answer(HttpExchange exchange, int status, ObjectNode body, List<String> scopes, String service,
                        String account, String user, List<String> granted) throws IOException {
        requests.add(new TokenRequest(scopes, service, account, user, status, granted));
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        return body;
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> result = new java.util.HashMap<>();
        if (rawQuery == null) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static byte[] pemBody(Path pem, String label) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < 0) {
            throw new IOException(pem + " has no " + label + " PEM block");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
