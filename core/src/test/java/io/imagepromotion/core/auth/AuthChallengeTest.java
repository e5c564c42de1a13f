package io.imagepromotion.core.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthChallengeTest {
    private static AuthChallenge only(String header) {
        List<AuthChallenge> all = AuthChallenge.parse(List.of(header));
        assertEquals(1, all.size(), () -> "challenges in " + header + ": " + all);
        return all.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:team/app:pull\"",
            "Bearer scope=\"repository:team/app:pull\",realm=\"https://auth.example.com/token\",service=\"registry.example.com\"",
            "Bearer service=\"registry.example.com\", scope=\"repository:team/app:pull\", realm=\"https://auth.example.com/token\"",
            "Bearer realm=https://auth.example.com/token,service=registry.example.com,scope=repository:team/app:pull",
            "bearer   realm = \"https://auth.example.com/token\" , service=\"registry.example.com\",scope=\"repository:team/app:pull\"",
    })
    void bearerParametersAreReadInAnyOrderQuotedOrNot(String header) {
        AuthChallenge c = only(header);
        assertTrue(c.isBearer());
        assertEquals("https://auth.example.com/token", c.parameter("realm"));
        assertEquals("registry.example.com", c.parameter("service"));
        assertEquals(List.of("repository:team/app:pull"), c.scopes());
    }

    @Test
    void schemeAndParameterNamesAreCaseInsensitive() {
        AuthChallenge c = only("BEARER Realm=\"https://a/token\", SERVICE=\"svc\"");
        assertEquals("bearer", c.scheme());
        assertTrue(c.isBearer());
        assertEquals("https://a/token", c.parameter("realm"));
        assertEquals("svc", c.parameter("Service"));
    }

    @Test
    void commaInsideQuotedValueStaysInTheValue() {
        AuthChallenge c = only("Bearer realm=\"https://a/token\",scope=\"repository:team/app:pull,push\",service=\"s\"");
        assertEquals(List.of("repository:team/app:pull,push"), c.scopes());
        assertEquals("s", c.parameter("service"));
    }

    @Test
    void backslashEscapesInQuotedValuesAreResolved() {
        AuthChallenge c = only("Basic realm=\"say \\\"hi\\\", back\\\\slash\", charset=\"UTF-8\"");
        assertEquals("say \"hi\", back\\slash", c.parameter("realm"));
        assertEquals("UTF-8", c.parameter("charset"));
    }

    @Test
    void equalsSignInsideQuotedValueStaysInTheValue() {
        AuthChallenge c = only("Bearer realm=\"https://a/token?x=1&y=2\",service=\"s\"");
        assertEquals("https://a/token?x=1&y=2", c.parameter("realm"));
    }

    @Test
    void severalScopesSeparatedBySpaceAreListed() {
        AuthChallenge c = only("Bearer realm=\"https://a/token\",scope=\"repository:a:pull repository:b:pull,push  registry:catalog:*\"");
        assertEquals(List.of("repository:a:pull", "repository:b:pull,push", "registry:catalog:*"), c.scopes());
    }

    @Test
    void missingScopeGivesNoScopes() {
        assertEquals(List.of(), only("Bearer realm=\"https://a/token\"").scopes());
        assertEquals(List.of(), only("Bearer realm=\"https://a/token\",scope=\"\"").scopes());
    }

    @Test
    void severalChallengesInOneHeaderAreAllParsed() {
        List<AuthChallenge> all = AuthChallenge.parse(List.of(
                "Basic realm=\"x\", Bearer realm=\"https://auth.example.com/token\",service=\"reg\",scope=\"repository:a:pull,push\""));
        assertEquals(2, all.size(), all::toString);
        assertTrue(all.get(0).isBasic());
        assertEquals("x", all.get(0).parameter("realm"));
        assertTrue(all.get(1).isBearer());
        assertEquals("https://auth.example.com/token", all.get(1).parameter("realm"));
        assertEquals("reg", all.get(1).parameter("service"));
        assertEquals(List.of("repository:a:pull,push"), all.get(1).scopes());
    }

    @Test
    void challengesInSeveralHeaderValuesAreAllParsed() {
        List<AuthChallenge> all = AuthChallenge.parse(List.of("Basic realm=\"basic\"", "Bearer realm=\"https://a/token\""));
        assertEquals(List.of("basic", "bearer"), all.stream().map(AuthChallenge::scheme).toList());
    }

    @Test
    void challengeWithoutParametersIsParsed() {
        List<AuthChallenge> all = AuthChallenge.parse(List.of("Negotiate, Basic realm=\"r\""));
        assertEquals(List.of("negotiate", "basic"), all.stream().map(AuthChallenge::scheme).toList());
        assertTrue(all.get(0).parameters().isEmpty());
    }

    @Test
    void token68IsNotMistakenForAParameterOrAScheme() {
        List<AuthChallenge> all = AuthChallenge.parse(List.of("Negotiate abc123==, Basic realm=\"r\""));
        assertEquals(List.of("negotiate", "basic"), all.stream().map(AuthChallenge::scheme).toList());
        assertEquals("r", all.get(1).parameter("realm"));
    }

    @Test
    void insufficientScopeErrorIsAvailable() {
        AuthChallenge c = only("Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\","
                + "scope=\"repository:team/app:pull,push\",error=\"insufficient_scope\"");
        assertEquals("insufficient_scope", c.parameter("error"));
        assertEquals(List.of("repository:team/app:pull,push"), c.scopes());
    }

    @Test
    void emptyHeaderGivesNoChallenges() {
        assertEquals(List.of(), AuthChallenge.parse(List.of()));
        assertEquals(List.of(), AuthChallenge.parse(List.of("", "  ,  ")));
    }

    @Test
    void unterminatedQuoteTakesTheRestAsValue() {
        assertEquals("https://a/token", only("Bearer realm=\"https://a/token").parameter("realm"));
    }

    @Test
    void unknownParameterIsNull() {
        assertNull(only("Basic realm=\"r\"").parameter("service"));
    }

    @Test
    void parametersAreImmutable() {
        AuthChallenge c = only("Basic realm=\"r\"");
        assertThrows(UnsupportedOperationException.class, () -> c.parameters().put("realm", "evil"));
    }
}
