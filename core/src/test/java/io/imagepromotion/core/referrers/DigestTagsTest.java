package io.imagepromotion.core.referrers;

import com.sun.net.httpserver.HttpServer;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The digest-tag listing against the two tag-list behaviours a real registry can't both show here: a registry that
 * pages in lexical order as the spec says (followed while a full page ends inside the {@code sha256-} range), and one
 * that ignores {@code n} and {@code last} like distribution 2.8.2 (one answer, filtered). An in-test server answers
 * {@code tags/list} only.
 */
@Timeout(30)
class DigestTagsTest {
    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** 1 500 digest tags among 2 500. */
    private static List<String> tags() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            all.add(String.format("sha256-%064x%s", i, i % 3 == 0 ? ".sig" : ""));
        }
        for (int i = 0; i < 1000; i++) {
            all.add("v" + i);
        }
        return all;
    }

    private String serve(boolean lexical) throws IOException {
        List<String> all = tags();
        List<String> sorted = new ArrayList<>(all);
        Collections.sort(sorted);
        Collections.shuffle(all, new java.util.Random(7));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", ex -> {
            String query = ex.getRequestURI().getRawQuery();
            queries.add(query);
            List<String> answer = all;
            if (lexical) {
                int n = Integer.parseInt(param(query, "n"));
                String last = param(query, "last");
                answer = sorted.stream().filter(t -> last == null || t.compareTo(last) > 0).limit(n).toList();
            }
            byte[] body = ("{\"name\":\"app\",\"tags\":[" + String.join(",", answer.stream().map(t -> "\"" + t + "\"").toList())
                    + "]}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private DigestTags read(String host) {
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            return DigestTags.read(new RegistryClient(transport), ImageReference.parse(host + "/app:x"));
        }
    }

    @Test
    void aLexicalRegistryIsReadFromTheFirstDigestTagAndFollowedWhileFullPagesEndInsideTheRange() throws IOException {
        DigestTags tags = read(serve(true));

        assertEquals(1500, tags.all().size());
        assertEquals(2, tags.requests());
        assertEquals(List.of("n=1000&last=sha256-", "n=1000&last=" + String.format("sha256-%064x.sig", 999)), queries);
        assertTrue(tags.contains(String.format("sha256-%064x.sig", 3)));
    }

    @Test
    void aRegistryIgnoringNAndLastCostsOneRequestAndIsFiltered() throws IOException {
        DigestTags tags = read(serve(false));

        assertEquals(1500, tags.all().size());
        assertEquals(1, tags.requests());
        assertTrue(tags.all().stream().allMatch(t -> t.startsWith("sha256-")));
    }
}
