package io.imagepromotion.core.auth;

import io.imagepromotion.core.fuzz.NearValidInputs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The {@code WWW-Authenticate} parser on mutated headers: it must never throw (a malformed part is skipped), and a
 * challenge rendered with quoted, escaped values must read back exactly.
 */
class AuthChallengeFuzzTest {
    @Provide
    Arbitrary<String> headers() {
        return NearValidInputs.around(List.of(
                "Bearer realm=\"https://auth.example.com/token\",service=\"registry.example.com\",scope=\"repository:a/b:pull\"",
                "Bearer realm=https://auth.example.com/token, service=registry, error=\"insufficient_scope\"",
                "Basic realm=\"Registry Realm\"",
                "Basic realm=\"a\", Bearer realm=\"https://t/\",scope=\"repository:x:pull,push repository:y:pull\"",
                "Negotiate abc123==, Basic realm=\"x\\\"y\"",
                "bearer REALM=\"http://127.0.0.1:1/token?x=1\",Service=\"s\""));
    }

    @Property
    void parsingNeverThrows(@ForAll("headers") String header) {
        for (AuthChallenge c : AuthChallenge.parse(List.of(header))) {
            assertNotNull(c.scheme());
            c.scopes();
            c.parameter("realm");
        }
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().all().ofMaxLength(80).filter(v -> v.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f));
    }

    @Property
    void quotedValuesReadBackExactly(@ForAll("values") String realm, @ForAll("values") String service, @ForAll("values") String scope) {
        String header = "Bearer realm=" + quote(realm) + ",service=" + quote(service) + ", scope=" + quote(scope);
        List<AuthChallenge> parsed = AuthChallenge.parse(List.of(header));
        assertEquals(List.of(new AuthChallenge("bearer", Map.of("realm", realm, "service", service, "scope", scope))), parsed, header);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
