package io.jenkins.plugins.imagepromotion.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
    static final String SECRET = "S3ntinel/pa55+w0rd";
    static final String BASIC = Base64.getEncoder().encodeToString(("robot:" + SECRET).getBytes(StandardCharsets.UTF_8));

    final SecretMask mask = SecretMask.of(SecretMask.wireForms("robot", SECRET));

    @Test
    void everyWireFormOfTheSecretIsMasked() {
        String echoed = "denied: Authorization: Basic " + BASIC + " at https://robot:" + SECRET + "@reg.example/v2/"
                + " form password=" + java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8);

        String masked = mask.apply(echoed);

        assertEquals("denied: Authorization: Basic **** at https://robot:****@reg.example/v2/ form password=****", masked);
        assertFalse(mask.reveals(masked));
        assertTrue(mask.reveals(echoed));
    }

    @Test
    void aSecretHoldingAnotherIsMaskedWhole() {
        SecretMask nested = SecretMask.of(List.of("abc", "xxabcxx"));
        assertEquals("[****] [****]", nested.apply("[xxabcxx] [abc]"));
    }

    @Test
    void blankSecretsMaskNothing() {
        assertEquals(0, SecretMask.of(List.of(" ", "")).size());
        assertEquals("text", SecretMask.of(List.of(" ")).apply("text"));
    }

    @Test
    void theStreamMasksASecretSplitOverWritesAndKeepsUtf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream masked = mask.stream(log);

        masked.print("grüße " + SECRET.substring(0, 5));
        masked.flush();
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "a partial line waits for its end");
        masked.println(SECRET.substring(5) + " — ok");
        masked.print("last " + SECRET);
        masked.close();

        assertEquals("grüße **** — ok" + System.lineSeparator() + "last ****", bytes.toString(StandardCharsets.UTF_8));
        log.println("still open");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("still open" + System.lineSeparator()));
    }

    @Test
    void aFailureShowingASecretIsReplacedWithItsTraceAndCausesMasked() {
        IllegalStateException cause = new IllegalStateException("GET https://robot:" + SECRET + "@reg.example/v2/");
        RuntimeException failure = new RuntimeException("push failed", cause);
        failure.addSuppressed(new IllegalArgumentException("Basic " + BASIC));

        Throwable clean = mask.clean(failure);

        SecretMask.MaskedFailure masked = assertInstanceOf(SecretMask.MaskedFailure.class, clean);
        assertEquals("java.lang.RuntimeException: push failed", masked.toString());
        assertEquals("java.lang.IllegalStateException: GET https://robot:****@reg.example/v2/", masked.getCause().toString());
        assertTrue(masked.getSuppressed()[0].toString().startsWith("java.lang.IllegalArgumentException: Basic ****"));
        assertEquals(List.of(failure.getStackTrace()), List.of(masked.getStackTrace()));
        assertFalse(mask.reveals(masked));
    }

    @Test
    void aFailureShowingNoSecretIsKeptAsItIs() {
        RuntimeException failure = new RuntimeException("connection refused", new IllegalStateException("no route"));
        assertSame(failure, mask.clean(failure));
    }
}
