package io.imagepromotion.core.promote;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Distinctive secrets for tests that check no output carries one: a password and a bearer token, and every form in
 * which they could leak (the raw strings, and the Basic header's base64 of user:password).
 */
final class SentinelSecrets {
    static final String USER = "sentinel-user";
    static final String PASSWORD = "Pw-SENTINEL-7f3c19aa";
    static final String TOKEN = "Tk-SENTINEL-e41b0d27";

    private SentinelSecrets() {
    }

    /** The strings no output may contain. */
    static List<String> forms() {
        List<String> forms = new ArrayList<>(List.of(PASSWORD, TOKEN, "SENTINEL"));
        forms.add(Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        return forms;
    }

    /** The sentinel forms found in {@code text}; empty when there is none. */
    static List<String> hits(String text) {
        return forms().stream().filter(text::contains).toList();
    }

    /** A throwable's message and full stack trace, causes and suppressed exceptions included. */
    static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return t + "\n" + w;
    }
}
