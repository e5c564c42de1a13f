package io.imagepromotion.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Uploads an image from an OCI image layout to a registry byte for byte with the plain distribution API, for the
 * images skopeo 1.9.3 cannot push: its {@code oci:} transport only reads OCI media types from index.json ("no
 * descriptor found for reference"), so Docker schema 2 manifests and manifest lists go through this class.
 *
 * <p>Per blob: HEAD (skip if present), POST /blobs/uploads/, PUT {@code ?digest=} with the whole body. Then every child
 * manifest by digest and finally the top-level manifest under the requested tag or digest, each with its exact bytes
 * and media type. Handles Basic and Bearer challenges (token from the challenge's realm with Basic credentials).
 * Requests carry User-Agent {@value #USER_AGENT}, so they can be told apart in the access log.
 */
public final class LayoutUploader {

    public static final String USER_AGENT = "image-promotion-testkit-uploader";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final URI baseUri;
    private final HttpClient client;
    private final String user;
    private final String password;
    private String authorization;

    /**
     * @param baseUri    http(s)://host:port of the registry
     * @param sslContext trust for https (null = JVM default)
     * @param user       null for anonymous
     * @param password   null for anonymous
     */
    public LayoutUploader(URI baseUri, SSLContext sslContext, String user, String password) {
        this.baseUri = baseUri;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
        this.user = user;
        this.password = password;
    }

    /** Anonymous uploader for {@code registry}, trusting its test CA when it serves TLS. */
    public static LayoutUploader forRegistry(RegistryServer registry, String user, String password) {
        return new LayoutUploader(registry.baseUri(), registry.tls().map(TestCertificates::sslContext).orElse(null),
                user, password);
    }

    /** Pushes {@code image} to {@code repository} under {@code reference} (a tag or the image's digest). */
    public void push(TestImage image, String repository, String reference) {
        push(image.layout(), image.tag(), repository, reference);
    }

    /**
     * Pushes the manifest that index.json of {@code layout} names {@code layoutTag} (ref.name annotation), with
     * everything it references, to {@code repository} under {@code reference}.
     */
    public void push(Path layout, String layoutTag, String repository, String reference) {
        try {
            JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
            JsonNode top = null;
            for (JsonNode entry : index.path("manifests")) {
                if (layoutTag.equals(entry.path("annotations").path("org.opencontainers.image.ref.name").asText(null))) {
                    top = entry;
                }
            }
            if (top == null) {
                throw new IllegalArgumentException(layout + "/index.json has no manifest named " + layoutTag);
            }
            Set<String> uploaded = new HashSet<>();
            String mediaType = top.path("mediaType").asText();
            String digest = top.path("digest").asText();
            byte[] manifest = Files.readAllBytes(blob(layout, digest));
            if (TestImage.OCI_INDEX.equals(mediaType) || TestImage.DOCKER_MANIFEST_LIST.equals(mediaType)) {
                for (JsonNode child : JSON.readTree(manifest).path("manifests")) {
                    String childDigest = child.path("digest").asText();
                    byte[] childManifest = Files.readAllBytes(blob(layout, childDigest));
                    uploadBlobsOf(layout, childManifest, repository, uploaded);
                    putManifest(repository, childDigest, child.path("mediaType").asText(), childManifest, childDigest);
                }
            } else {
                uploadBlobsOf(layout, manifest, repository, uploaded);
            }
            putManifest(repository, reference, mediaType, manifest, digest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot push " + layout + ":" + layoutTag + " to " + baseUri + "/" + repository, e);
        }
    }

    private void uploadBlobsOf(Path layout, byte[] manifest, String repository, Set<String> uploaded) throws IOException {
        JsonNode json = JSON.readTree(manifest);
        List<String> digests = new ArrayList<>();
        digests.add(json.path("config").path("digest").asText());
        json.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
        for (String digest : digests) {
            if (uploaded.add(digest)) {
                uploadBlob(repository, digest, blob(layout, digest));
            }
        }
    }

    private void uploadBlob(String repository, String digest, Path file) throws IOException {
        URI blobUri = v2(repository, "/blobs/" + digest);
        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(blobUri).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                repository);
        if (head.statusCode() == 200) {
            return;
        }
        HttpResponse<byte[]> start = send(HttpRequest.newBuilder(v2(repository, "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), repository);
        expect(start, 202);
        String location = start.headers().firstValue("Location")
                .orElseThrow(() -> new RegistryResponseException("POST", start.uri().toString(), 202, "no Location header"));
        URI uploadUri = baseUri.resolve(location);
        String separator = uploadUri.getRawQuery() == null ? "?" : "&";
        URI putUri = URI.create(uploadUri + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(putUri)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)), repository);
        expect(put, 201);
    }

    private void putManifest(String repository, String reference, String mediaType, byte[] bytes, String digest)
            throws IOException {
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(v2(repository, "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), repository);
        expect(put, 201);
        String stored = put.headers().firstValue("Docker-Content-Digest").orElse(null);
        if (stored != null && !stored.equals(digest)) {
            throw new DigestMismatchException(repository + ":" + reference, digest, stored);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder builder, String repository) throws IOException {
        HttpResponse<byte[]> response = sendOnce(builder);
        if (response.statusCode() == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            String newAuthorization = authorizationFor(challenge, repository);
            if (newAuthorization != null) {
                authorization = newAuthorization;
                response = sendOnce(builder);
            }
        }
        return response;
    }

    private HttpResponse<byte[]> sendOnce(HttpRequest.Builder builder) throws IOException {
        HttpRequest.Builder request = builder.copy().setHeader("User-Agent", USER_AGENT);
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The Authorization header answering {@code challenge}, or null if we have nothing to offer. */
    private String authorizationFor(String challenge, String repository) throws IOException {
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return user == null ? null : basic();
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new RegistryResponseException("GET", baseUri.toString(), 401, "Bearer challenge without realm: " + challenge);
        }
        Set<String> scopes = new java.util.LinkedHashSet<>();
        scopes.add("repository:" + repository + ":pull,push");
        if (params.containsKey("scope")) {
            scopes.addAll(List.of(params.get("scope").split(" ")));
        }
        StringBuilder query = new StringBuilder();
        if (params.containsKey("service")) {
            query.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        for (String scope : scopes) {
            query.append(query.length() == 0 ? "" : "&").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        if (user != null) {
            query.append("&account=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
        }
        HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(URI.create(realm + "?" + query))
                .GET().setHeader("User-Agent", USER_AGENT);
        if (user != null) {
            tokenRequest.setHeader("Authorization", basic());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(tokenRequest.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        expect(response, 200);
        JsonNode body = JSON.readTree(response.body());
        String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText(null);
        if (token == null) {
            throw new RegistryResponseException("GET", realm, 200, "token response without token");
        }
        return "Bearer " + token;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private URI v2(String repository, String suffix) {
        return baseUri.resolve("/v2/" + repository + suffix);
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256").resolve(Sha256.hex(digest));
    }

    private static void expect(HttpResponse<byte[]> response, int status) {
        if (response.statusCode() != status) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            throw new RegistryResponseException(response.request().method(), response.uri().toString(),
                    response.statusCode(), body.length() > 2000 ? body.substring(0, 2000) : body);
        }
    }
}
