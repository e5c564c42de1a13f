package io.imagepromotion.core.auth;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credential values, StaticCredentials lookup, provider fallback and bearer token reuse. */
class CredentialsTest {
    @Test
    void credentialToStringNeverShowsTheSecret() {
        assertEquals("user ci (password hidden)", Credential.usernamePassword("ci", "pw-4711").toString());
        assertFalse(Credential.registryToken("tok-4711").toString().contains("tok-4711"));
        assertEquals("anonymous", Credential.anonymous().toString());
    }

    @Test
    void emptyUsernameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Credential.usernamePassword("", "p"));
    }

    @Test
    void staticCredentialsMatchRegistryKeysLikeDockerConfig() {
        StaticCredentials c = StaticCredentials.of(Map.of(
                "https://Registry.Example.com/v2/", Credential.usernamePassword("a", "1"),
                "index.docker.io", Credential.usernamePassword("hub", "2")));
        assertEquals(Credential.usernamePassword("a", "1"), c.credentialFor("registry.example.com"));
        assertEquals(Credential.usernamePassword("hub", "2"), c.credentialFor("registry-1.docker.io"));
        assertEquals(Credential.usernamePassword("hub", "2"), c.credentialFor("docker.io"));
        assertEquals(Credential.anonymous(), c.credentialFor("registry.example.com:5000"));
    }

    @Test
    void staticCredentialsToStringListsRegistriesOnly() {
        String text = StaticCredentials.single("r.example.com", Credential.usernamePassword("u", "secret-99")).toString();
        assertEquals("credentials for [r.example.com]", text);
    }

    @Test
    void orElseAsksTheFallbackOnlyWhereTheFirstIsAnonymous() {
        CredentialProvider first = StaticCredentials.single("a.example.com", Credential.usernamePassword("first", "1"));
        CredentialProvider second = registry -> Credential.usernamePassword("second", "2");
        CredentialProvider both = first.orElse(second);
        assertEquals("first", ((Credential.UsernamePassword) both.credentialFor("a.example.com")).username());
        assertEquals("second", ((Credential.UsernamePassword) both.credentialFor("b.example.com")).username());
    }

    @Test
    void bearerTokenIsUsableForCoveredScopesUntilFiveSecondsBeforeExpiry() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        BearerToken token = new BearerToken("t", TokenScopes.of(List.of("repository:a:pull,push")), now.plusSeconds(60));
        TokenScopes pull = TokenScopes.of(List.of("repository:a:pull"));
        assertTrue(token.usableFor(pull, now));
        assertTrue(token.usableFor(pull, now.plusSeconds(54)));
        assertFalse(token.usableFor(pull, now.plusSeconds(55)), "a request may take seconds to arrive");
        assertFalse(token.usableFor(TokenScopes.of(List.of("repository:b:pull")), now));
    }

    @Test
    void bearerTokenToStringHidesTheToken() {
        BearerToken token = new BearerToken("eyJsecret", TokenScopes.of(List.of("repository:a:pull")), Instant.now());
        assertEquals("bearer token for repository:a:pull (hidden)", token.toString());
    }
}
