package io.imagepromotion.core.transport;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.auth.StaticCredentials;
import io.imagepromotion.core.error.AuthenticationException;
import io.imagepromotion.core.error.TransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Bearer challenge flow of the transport against a scripted registry and a scripted token service. */
class BearerTokenFlowTest {
    private static final String PASSWORD = "tok-pw-5521";
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

    /** Issues "token-N" for the N-th request, or 401 for wrong Basic credentials. */
    private ScriptedHttpServer tokenService(String field) throws IOException {
        String good = "Basic " + Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return serve(r -> {
            String auth = r.header("Authorization");
            if (auth != null && !auth.equals(good)) {
                return ScriptedHttpServer.Response.of(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            }
            return ScriptedHttpServer.Response.of(200, "{\"" + field + "\":\"token-" + r.number() + "\",\"expires_in\":300}");
        });
    }

    /** Answers 200 to "Bearer token-*", else a Bearer challenge naming the realm. */
    private ScriptedHttpServer registry(ScriptedHttpServer tokens) throws IOException {
        String challenge = "Bearer realm=\"http://" + tokens.host() + "/token\",service=\"test-registry\"";
        return serve(r -> {
            String auth = r.header("Authorization");
            if (auth != null && auth.startsWith("Bearer token-")) {
                return ScriptedHttpServer.Response.of(200, "ok");
            }
            String scope = r.path().startsWith("/v2/") && r.path().length() > 4
                    ? ",scope=\"repository:" + r.path().substring(4, r.path().indexOf("/manifests/")) + ":pull\"" : "";
            return ScriptedHttpServer.Response.of(401, "", "WWW-Authenticate", challenge + scope);
        });
    }

    private static RegistryRequest get(String registry, String repository) {
        return RegistryRequest.of("GET", registry, "/v2/" + repository + "/manifests/1", List.of("repository:" + repository + ":pull"));
    }

    private static List<String> scopesOf(ScriptedHttpServer.Request tokenRequest) {
        List<String> scopes = new ArrayList<>();
        String query = tokenRequest.pathAndQuery().substring(tokenRequest.pathAndQuery().indexOf('?') + 1);
        for (String pair : query.split("&")) {
            if (pair.startsWith("scope=")) {
                scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
            }
        }
        return scopes;
    }

    private static TransportSettings withCredentials(String registry, String password) {
        return TransportSettings.builder()
                .credentials(StaticCredentials.single(registry, Credential.usernamePassword("ci", password))).build();
    }

    @Test
    void challengeIsAnsweredWithATokenFromTheRealm() throws IOException {
        ScriptedHttpServer tokens = tokenService("token");
        ScriptedHttpServer registry = registry(tokens);

        try (RegistryTransport transport = new RegistryTransport(withCredentials(registry.host(), PASSWORD))) {
            assertEquals(200, transport.send(get(registry.host(), "team/app"), 1024).status());
            assertEquals(2, transport.requestCount());
            assertEquals(1, transport.tokenRequestCount());
        }
        ScriptedHttpServer.Request tokenRequest = tokens.requests.get(0);
        assertEquals("/token", tokenRequest.path());
        assertTrue(tokenRequest.pathAndQuery().contains("service=test-registry"), tokenRequest.pathAndQuery());
        assertTrue(tokenRequest.pathAndQuery().contains("account=ci"), tokenRequest.pathAndQuery());
        assertEquals(List.of("repository:team/app:pull"), scopesOf(tokenRequest));
        assertTrue(tokenRequest.header("Authorization").startsWith("Basic "), "credentials go to the token service");
        assertEquals("Bearer token-1", registry.requests.get(1).header("Authorization"));
    }

    @Test
    void tokenIsReusedForTheSameScope() throws IOException {
        ScriptedHttpServer tokens = tokenService("token");
        ScriptedHttpServer registry = registry(tokens);
        try (RegistryTransport transport = new RegistryTransport(withCredentials(registry.host(), PASSWORD))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, transport.send(get(registry.host(), "team/app"), 1024).status());
            }
            assertEquals(1, transport.tokenRequestCount());
            assertEquals(4, transport.requestCount(), "one 401, then three requests with the cached token");
        }
    }

    @Test
    void anticipatedScopesAreRequestedInOneToken() throws IOException {
        ScriptedHttpServer tokens = tokenService("token");
        ScriptedHttpServer registry = registry(tokens);
        try (RegistryTransport transport = new RegistryTransport(withCredentials(registry.host(), PASSWORD))) {
            transport.anticipateScopes(registry.host(), List.of("repository:team/app:pull", "repository:team/prod:push",
                    "repository:team/prod:pull"));
            assertEquals(200, transport.send(get(registry.host(), "team/app"), 1024).status());
            assertEquals(200, transport.send(get(registry.host(), "team/prod"), 1024).status());
            assertEquals(1, transport.tokenRequestCount(), "the second repository was covered by the first token");
        }
        assertEquals(List.of("repository:team/app:pull", "repository:team/prod:pull,push"), scopesOf(tokens.requests.get(0)));
    }

    @Test
    void accessTokenFieldIsAcceptedLikeToken() throws IOException {
        ScriptedHttpServer tokens = tokenService("access_token");
        ScriptedHttpServer registry = registry(tokens);
        try (RegistryTransport transport = new RegistryTransport(withCredentials(registry.host(), PASSWORD))) {
            assertEquals(200, transport.send(get(registry.host(), "team/app"), 1024).status());
        }
    }

    @Test
    void anonymousTokenRequestCarriesNoAuthorizationOrAccount() throws IOException {
        ScriptedHttpServer tokens = tokenService("token");
        ScriptedHttpServer registry = registry(tokens);
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            assertEquals(200, transport.send(get(registry.host(), "team/app"), 1024).status());
        }
        assertNull(tokens.requests.get(0).header("Authorization"));
        assertFalse(tokens.requests.get(0).pathAndQuery().contains("account="));
    }

    @Test
    void rejectedCredentialsAtTheTokenServiceNameTheUserButNotThePassword() throws IOException {
        ScriptedHttpServer tokens = tokenService("token");
        ScriptedHttpServer registry = registry(tokens);
        try (RegistryTransport transport = new RegistryTransport(withCredentials(registry.host(), "wrong-" + PASSWORD))) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> transport.send(get(registry.host(), "team/app"), 1024));
            assertTrue(e.getMessage().contains("rejected user ci"), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
            assertEquals(401, e.status());
        }
    }

    @Test
    void registryThatRefusesEveryTokenIsNotAskedForeverAndAnswers401() throws IOException {
        ScriptedHttpServer tokens = tokenService("token");
        String challenge = "Bearer realm=\"http://" + tokens.host() + "/token\",service=\"s\",scope=\"repository:team/app:pull\","
                + "error=\"insufficient_scope\"";
        ScriptedHttpServer registry = serve(r -> ScriptedHttpServer.Response.of(401, "", "WWW-Authenticate", challenge));
        try (RegistryTransport transport = new RegistryTransport(withCredentials(registry.host(), PASSWORD))) {
            assertEquals(401, transport.send(get(registry.host(), "team/app"), 1024).status());
            assertEquals(2, transport.requestCount());
            assertEquals(1, transport.tokenRequestCount());
        }
    }

    @Test
    void registryTokenCredentialIsSentAsBearerWithoutATokenRequest() throws IOException {
        ScriptedHttpServer registry = serve(r -> "Bearer static-abc".equals(r.header("Authorization"))
                ? ScriptedHttpServer.Response.of(200, "ok")
                : ScriptedHttpServer.Response.of(401, "", "WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:1/token\""));
        TransportSettings s = TransportSettings.builder()
                .credentials(StaticCredentials.single(registry.host(), Credential.registryToken("static-abc"))).build();
        try (RegistryTransport transport = new RegistryTransport(s)) {
            assertEquals(200, transport.send(get(registry.host(), "team/app"), 1024).status());
            assertEquals(0, transport.tokenRequestCount());
            assertEquals(1, transport.requestCount());
        }
    }

    @Test
    void plainHttpRealmOnAnotherHostIsRefused() throws IOException {
        ScriptedHttpServer registry = serve(r -> ScriptedHttpServer.Response.of(401, "", "WWW-Authenticate",
                "Bearer realm=\"http://auth.example.com/token\",service=\"s\""));
        try (RegistryTransport transport = new RegistryTransport(withCredentials(registry.host(), PASSWORD))) {
            TransportException e = assertThrows(TransportException.class, () -> transport.send(get(registry.host(), "team/app"), 1024));
            assertTrue(e.getMessage().contains("plain-HTTP token realm on auth.example.com; refusing"), e.getMessage());
            assertEquals(0, transport.tokenRequestCount());
        }
    }

    @Test
    void challengeWithoutRealmIsAClearError() throws IOException {
        ScriptedHttpServer registry = serve(r -> ScriptedHttpServer.Response.of(401, "", "WWW-Authenticate", "Bearer service=\"s\""));
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            TransportException e = assertThrows(TransportException.class, () -> transport.send(get(registry.host(), "team/app"), 1024));
            assertTrue(e.getMessage().contains("without naming a realm"), e.getMessage());
        }
    }
}
