package io.imagepromotion.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static TokenServer tokens;
    static RegistryServer registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        tokens = TokenServer.start(shared.resolve("tokens"), Map.of(
                "promoter", new TokenServer.TokenUser("s3cret", Set.of("pull", "push")),
                "reader", new TokenServer.TokenUser("r3ad", Set.of("pull"))));
        registry = RegistryServer.startTokenAuth(shared.resolve("registry"), tokens);
    }

    @AfterAll
    static void stop() {
        registry.close();
        tokens.close();
    }

    @Test
    void registryChallengesWithTheTokenRealm() throws Exception {
        HttpResponse<byte[]> response = Http.get(registry.baseUri().resolve("/v2/"), null, null);
        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"" + tokens.realm() + "\",service=\"" + tokens.service() + "\"",
                response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void skopeoPushesWithCredentialsAndTheTokenServerRecordsTheScopes() {
        TestImage image = TestImages.oci(tmp.resolve("img"), 2, 64 * 1024, 301);
        int before = tokens.requests().size();
        Skopeo skopeo = Skopeo.forRegistry(registry).withCredentials("promoter", "s3cret");
        skopeo.push(image, registry.host() + "/tok/app:1.0");

        assertEquals(Optional.of(image.digest()), registry.tagDigestOnDisk("tok/app", "1.0"));
        List<TokenServer.TokenRequest> made = tokens.requests().subList(before, tokens.requests().size());
        assertTrue(made.stream().anyMatch(r -> r.scopes().contains("repository:tok/app:pull,push")
                && r.status() == 200 && "promoter".equals(r.user()) && "promoter".equals(r.account())
                && r.granted().contains("repository:tok/app:pull,push")), made.toString());
        assertTrue(made.stream().allMatch(r -> tokens.service().equals(r.service())), made.toString());
    }

    @Test
    void dockerManifestListIsUploadedWithBearerTokens() {
        TestImage image = TestImages.dockerManifestList(tmp.resolve("img"), List.of("linux/amd64", "linux/arm64/v8"), 1,
                4096, 302);
        int before = tokens.requests().size();
        Skopeo.forRegistry(registry).withCredentials("promoter", "s3cret").push(image, registry.host() + "/tok/list:1.0");
        assertEquals(Optional.of(image.digest()), registry.tagDigestOnDisk("tok/list", "1.0"));
        assertTrue(tokens.requests().size() > before);
    }

    @Test
    void readerCannotPushAndIsGrantedOnlyPull() {
        TestImage image = TestImages.oci(tmp.resolve("img"), 1, 1024, 303);
        int before = tokens.requests().size();
        Skopeo reader = Skopeo.forRegistry(registry).withCredentials("reader", "r3ad");
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> reader.push(image, registry.host() + "/tok/denied:1.0"));
        assertTrue(failure.stderr().contains("denied") || failure.stderr().contains("unauthorized"), failure.stderr());
        assertEquals(Optional.empty(), registry.tagDigestOnDisk("tok/denied", "1.0"));
        List<TokenServer.TokenRequest> made = tokens.requests().subList(before, tokens.requests().size());
        assertTrue(made.stream().anyMatch(r -> r.scopes().contains("repository:tok/denied:pull,push")
                && r.granted().equals(List.of("repository:tok/denied:pull"))), made.toString());
    }

    @Test
    void wrongPasswordAndAnonymousTokenRequestsAreRefused() throws Exception {
        URI tokenUri = tokenUri("repository:tok/app:pull");
        HttpResponse<byte[]> anonymous = Http.get(tokenUri, null, null);
        HttpResponse<byte[]> wrong = Http.get(tokenUri, Http.basic("promoter", "nope"), null);
        assertEquals(401, anonymous.statusCode());
        assertEquals(401, wrong.statusCode());
        List<TokenServer.TokenRequest> all = tokens.requests();
        TokenServer.TokenRequest last = all.get(all.size() - 1);
        assertEquals("promoter", last.user());
        assertEquals(401, last.status());
        assertNull(all.get(all.size() - 2).user());

        TestImage image = TestImages.oci(tmp.resolve("img"), 1, 1024, 304);
        assertThrows(CommandFailedException.class, () -> Skopeo.forRegistry(registry).withCredentials("promoter", "nope")
                .push(image, registry.host() + "/tok/wrong:1.0"));
    }

    @Test
    void tokenIsAnRs256JwtWithX5cChainingToTheRootBundle() throws Exception {
        URI uri = tokenUri("repository:tok/app:pull,push,delete", "repository:other/x:pull");
        HttpResponse<byte[]> response = Http.get(uri, Http.basic("reader", "r3ad"), null);
        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        String token = body.path("token").asText();
        assertEquals(token, body.path("access_token").asText());
        assertEquals(300, body.path("expires_in").asInt());
        assertTrue(body.path("issued_at").asText().endsWith("Z"));

        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("RS256", header.path("alg").asText());
        assertEquals("JWT", header.path("typ").asText());
        X509Certificate signer = certificate(Base64.getDecoder().decode(header.path("x5c").get(0).asText()));
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(tokens.rootCertBundle())) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        signer.verify(ca.getPublicKey());
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(signer.getPublicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));

        assertTrue(claims.path("aud").isTextual());
        assertEquals(tokens.service(), claims.path("aud").asText());
        assertEquals(tokens.issuer(), claims.path("iss").asText());
        assertTrue(claims.path("exp").isIntegralNumber());
        assertEquals(claims.path("iat").asLong() + 300, claims.path("exp").asLong());
        assertEquals("reader", claims.path("sub").asText());
        assertEquals(JSON.readTree("[{\"type\":\"repository\",\"name\":\"tok/app\",\"actions\":[\"pull\"]},"
                + "{\"type\":\"repository\",\"name\":\"other/x\",\"actions\":[\"pull\"]}]"), claims.path("access"));
    }

    @Test
    void registryAcceptsMintedTokensAndRejectsExpiredOnes() throws Exception {
        URI v2 = registry.baseUri().resolve("/v2/");
        String fresh = token(tokenUri("repository:tok/app:pull"));
        assertEquals(200, Http.get(v2, "Bearer " + fresh, null).statusCode());
        tokens.setTokenLifetimeSeconds(-120); // beyond the registry's 60 s leeway
        try {
            String expired = token(tokenUri("repository:tok/app:pull"));
            HttpResponse<byte[]> rejected = Http.get(v2, "Bearer " + expired, null);
            assertEquals(401, rejected.statusCode());
            assertTrue(rejected.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        } finally {
            tokens.setTokenLifetimeSeconds(300);
        }
    }

    @Test
    void repositoryNamesWithSlashesAndWrongServiceAreHandled() throws Exception {
        String query = "?service=" + tokens.service() + "&scope=" + URLEncoder.encode("repository:a/b/c:pull", StandardCharsets.UTF_8);
        HttpResponse<byte[]> ok = Http.get(URI.create(tokens.realm() + query), Http.basic("promoter", "s3cret"), null);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(JSON.readTree(ok.body()).path("token").asText().split("\\.")[1]));
        assertEquals("a/b/c", claims.path("access").get(0).path("name").asText());
        HttpResponse<byte[]> wrongService = Http.get(URI.create(tokens.realm() + "?service=other"),
                Http.basic("promoter", "s3cret"), null);
        assertEquals(400, wrongService.statusCode());
    }

    private static URI tokenUri(String... scopes) {
        StringBuilder query = new StringBuilder("?service=").append(tokens.service());
        for (String scope : scopes) {
            query.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        return URI.create(tokens.realm() + query.toString());
    }

    private static String token(URI uri) throws Exception {
        HttpResponse<byte[]> response = Http.get(uri, Http.basic("promoter", "s3cret"), null);
        assertEquals(200, response.statusCode());
        return JSON.readTree(response.body()).path("token").asText();
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
