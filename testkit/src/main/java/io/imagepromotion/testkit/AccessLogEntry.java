package io.imagepromotion.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request from the registry's access log (Apache combined format on its stdout).
 *
 * @param method       HTTP method, e.g. "HEAD"
 * @param pathAndQuery request target as sent, e.g. "/v2/dev/app/blobs/uploads/?mount=sha256:..&amp;from=dev/app"
 * @param status       response status; 0 if the line could not be parsed (then pathAndQuery holds the raw line)
 * @param userAgent    the client's User-Agent, e.g. "skopeo/1.9.3"
 */
public record AccessLogEntry(String method, String pathAndQuery, int status, String userAgent) {

    // 127.0.0.1 - - [30/Nov/2026:13:09:38 +0000] "GET /v2/ HTTP/1.1" 200 2 "" "skopeo/1.9.3"
    private static final Pattern COMBINED = Pattern.compile(
            "^\\S+ \\S+ \\S+ \\[[^\\]]*\\] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) \\S+ \"(?:[^\"\\\\]|\\\\.)*\" \"((?:[^\"\\\\]|\\\\.)*)\"");

    public static AccessLogEntry parse(String line) {
        Matcher m = COMBINED.matcher(line);
        if (!m.find()) {
            return new AccessLogEntry("", line, 0, "");
        }
        return new AccessLogEntry(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4));
    }

    /** The path without the query string. */
    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }
}
