package io.imagepromotion.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/** Minimal HTTP calls for assertions in the testkit's own tests. */
final class Http {
    private Http() {
    }

    static HttpResponse<byte[]> get(URI uri, String authorization, String accept) throws IOException, InterruptedException {
        return send(null, HttpRequest.newBuilder(uri).GET(), authorization, accept);
    }

    static HttpResponse<byte[]> send(SSLContext ssl, HttpRequest.Builder request, String authorization, String accept)
            throws IOException, InterruptedException {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (ssl != null) {
            client.sslContext(ssl);
        }
        request.setHeader("User-Agent", "testkit-test");
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        if (accept != null) {
            request.setHeader("Accept", accept);
        }
        return client.build().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
