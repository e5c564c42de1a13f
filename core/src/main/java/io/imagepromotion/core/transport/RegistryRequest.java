package io.imagepromotion.core.transport;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request to a registry's {@code /v2/} API.
 *
 * @param method    HTTP method
 * @param registry  API host ({@code host[:port]})
 * @param path      path and query, starting with {@code /v2/}, already URL-encoded
 * @param headers   extra headers (never Authorization: the transport adds it)
 * @param body      request body, or {@code null}
 * @param scopes    token scopes this request needs, e.g. {@code repository:team/app:pull}
 */
public record RegistryRequest(String method, String registry, String path, Map<String, String> headers,
                              RequestBody body, List<String> scopes) {
    public RegistryRequest {
        headers = Map.copyOf(headers);
        scopes = List.copyOf(scopes);
        if (!path.startsWith("/v2/")) {
            throw new IllegalArgumentException("registry paths start with /v2/: " + path);
        }
    }

    public static RegistryRequest of(String method, String registry, String path, List<String> scopes) {
        return new RegistryRequest(method, registry, path, Map.of(), null, scopes);
    }

    public RegistryRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new RegistryRequest(method, registry, path, h, body, scopes);
    }

    public RegistryRequest withBody(RequestBody newBody) {
        return new RegistryRequest(method, registry, path, headers, newBody, scopes);
    }

    /** The request line without query string, safe for messages: upload session state and digests stay out. */
    public String describe() {
        int q = path.indexOf('?');
        return method + " " + registry + (q < 0 ? path : path.substring(0, q));
    }

    /** A request body: bytes can be sent again after a 401 or a retryable failure, a stream only once. */
    public sealed interface RequestBody permits Bytes, Stream {
        long length();

        boolean replayable();
    }

    public record Bytes(byte[] content, String contentType) implements RequestBody {
        @Override
        public long length() {
            return content.length;
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    public record Stream(Supplier<InputStream> content, long length, String contentType) implements RequestBody {
        @Override
        public boolean replayable() {
            return false;
        }
    }
}
