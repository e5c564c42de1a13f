package io.imagepromotion.core.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235 §4.1): a scheme and its parameters. The parser
 * accepts any parameter order, quoted or token values with backslash escapes, and several challenges in one header.
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {
    public AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public boolean isBearer() {
        return scheme.equals("bearer");
    }

    public boolean isBasic() {
        return scheme.equals("basic");
    }

    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** Scopes named in the challenge's {@code scope} parameter (space separated), empty when none. */
    public List<String> scopes() {
        String scope = parameter("scope");
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return List.of(scope.trim().split("\\s+"));
    }

    /** Parses every challenge in the header values; malformed parts are skipped rather than guessed at. */
    public static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            new Parser(value).parseInto(challenges);
        }
        return challenges;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        void parseInto(List<AuthChallenge> out) {
            String scheme = null;
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skip(" \t,");
                if (i >= s.length()) {
                    break;
                }
                String token = token();
                if (token.isEmpty()) {
                    i++; // not a token character: skip it
                    continue;
                }
                skip(" \t");
                boolean isParameter = i < s.length() && s.charAt(i) == '='
                        && !(i + 1 < s.length() && s.charAt(i + 1) == '='); // "abc==" is token68 padding
                if (isParameter && scheme != null) {
                    i++;
                    skip(" \t");
                    params.put(token.toLowerCase(Locale.ROOT), value());
                } else if (isParameter || looksLikeToken68()) {
                    skip("="); // token68 or a parameter before any scheme: ignore
                } else {
                    if (scheme != null) {
                        out.add(new AuthChallenge(scheme, params));
                        params = new LinkedHashMap<>();
                    }
                    scheme = token;
                }
            }
            if (scheme != null) {
                out.add(new AuthChallenge(scheme, params));
            }
        }

        private boolean looksLikeToken68() {
            return i < s.length() && s.charAt(i) == '=';
        }

        private void skip(String chars) {
            while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private String value() {
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                StringBuilder out = new StringBuilder();
                while (i < s.length() && s.charAt(i) != '"') {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < s.length()) {
                        c = s.charAt(i++);
                    }
                    out.append(c);
                }
                i++; // closing quote (or end)
                return out.toString();
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ' ') {
                i++;
            }
            return s.substring(start, i);
        }

        private static boolean isTokenChar(char c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
        }
    }
}
