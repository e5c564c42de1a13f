package io.imagepromotion.core.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Inputs for the parser fuzz properties: mostly valid inputs with one to five mutations each (a character inserted,
 * deleted, replaced or doubled, a segment repeated or cut, a JSON value swapped for another kind), plus some
 * arbitrary strings. Near-valid inputs reach the parsers' deeper branches, which random strings rarely pass the first
 * check to get to. The mutations are drawn from a seed jqwik generates, so a failure is reproducible from its seed.
 */
public final class NearValidInputs {
    /** Characters that mean something to at least one of the parsers. */
    private static final String SPECIAL = ":/@[]\"\\=,.-_ \t{}%?#+*~'\n\r\u0000\u00e9\u2028\ufeff0129aAzZ";
    /** JSON values of every kind, and some that are not JSON, to put where a value was. */
    private static final List<String> JSON_VALUES = List.of("null", "true", "0", "-1", "1.5", "1e999", "-0",
            "9223372036854775808", "\"\"", "\"x\"", "\"sha256:\"", "[]", "{}", "[null]", "[{}]", "[[]]", "{\"a\":{}}",
            "\"\\u0000\"", "\"\\ud800\"", "[1,", "{\"", "NaN", "'x'", "[" + "[".repeat(40) + "]".repeat(40) + "]");

    private NearValidInputs() {
    }

    /** Mutations of the seeds (four in five) or arbitrary strings (one in five). */
    public static Arbitrary<String> around(List<String> seeds) {
        Arbitrary<String> mutated = Arbitraries.longs().flatMap(seed -> Arbitraries.of(seeds)
                .map(valid -> mutate(valid, new Random(seed))));
        Arbitrary<String> random = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> sparse = Arbitraries.strings().withChars(SPECIAL).ofMaxLength(60);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, mutated),
                net.jqwik.api.Tuple.of(1, random),
                net.jqwik.api.Tuple.of(1, sparse));
    }

    /** The same as bytes, with now and then a raw byte flipped so the text is not even UTF-8. */
    public static Arbitrary<byte[]> bytesAround(List<String> seeds) {
        return Arbitraries.longs().flatMap(seed -> around(seeds).map(text -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Random r = new Random(seed);
            if (bytes.length > 0 && r.nextInt(6) == 0) {
                bytes[r.nextInt(bytes.length)] = (byte) (0x80 | r.nextInt(0x80));
            }
            return bytes;
        }));
    }

    static String mutate(String valid, Random r) {
        StringBuilder s = new StringBuilder(valid);
        int rounds = 1 + r.nextInt(5);
        for (int n = 0; n < rounds; n++) {
            int at = s.length() == 0 ? 0 : r.nextInt(s.length() + 1);
            switch (r.nextInt(9)) {
                case 0 -> s.insert(at, SPECIAL.charAt(r.nextInt(SPECIAL.length())));
                case 1 -> {
                    if (s.length() > 0) {
                        int end = Math.min(s.length(), at + 1 + r.nextInt(8));
                        s.delete(Math.min(at, s.length() - 1), end);
                    }
                }
                case 2 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, SPECIAL.charAt(r.nextInt(SPECIAL.length())));
                    }
                }
                case 3 -> {
                    int end = Math.min(s.length(), at + 1 + r.nextInt(16));
                    s.insert(at, s.substring(at, end).repeat(1 + r.nextInt(3)));
                }
                case 4 -> s.setLength(at); // cut off
                case 5 -> s.insert(at, String.valueOf(SPECIAL.charAt(r.nextInt(SPECIAL.length()))).repeat(1 + r.nextInt(300)));
                case 6 -> replaceJsonValue(s, r);
                case 7 -> {
                    if (at < s.length()) {
                        char c = s.charAt(at);
                        s.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                    }
                }
                default -> {
                    // swap two characters
                    if (s.length() > 1) {
                        int other = r.nextInt(s.length());
                        int here = Math.min(at, s.length() - 1);
                        char c = s.charAt(here);
                        s.setCharAt(here, s.charAt(other));
                        s.setCharAt(other, c);
                    }
                }
            }
        }
        return s.toString();
    }

    /** Replaces the value after a random ':' (up to the next ',' or '}') with a value of another kind. */
    private static void replaceJsonValue(StringBuilder s, Random r) {
        int colon = s.indexOf(":", s.length() == 0 ? 0 : r.nextInt(s.length()));
        if (colon < 0) {
            colon = s.indexOf(":");
        }
        if (colon < 0) {
            return;
        }
        int end = colon + 1;
        int depth = 0;
        boolean quoted = false;
        while (end < s.length()) {
            char c = s.charAt(end);
            if (c == '"' && s.charAt(end - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ']' || c == '}')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                break;
            }
            end++;
        }
        s.replace(colon + 1, end, JSON_VALUES.get(r.nextInt(JSON_VALUES.size())));
    }
}
