package io.imagepromotion.core.registry;

import io.imagepromotion.core.auth.AuthChallenge;
import io.imagepromotion.core.auth.TokenScopes;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.AccessDeniedException;
import io.imagepromotion.core.error.AuthenticationException;
import io.imagepromotion.core.error.ContentMismatchException;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.error.NotFoundException;
import io.imagepromotion.core.error.PreconditionFailedException;
import io.imagepromotion.core.error.RegistryErrorCode;
import io.imagepromotion.core.error.RegistryException;
import io.imagepromotion.core.error.TransportException;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.RegistryRequest;
import io.imagepromotion.core.transport.RegistryResponse;
import io.imagepromotion.core.transport.RegistryTransport;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OCI Distribution API endpoints we use, one method each, on top of {@link RegistryTransport}. Turns error
 * answers into typed exceptions that name the reference and the registry's error codes.
 */
public final class RegistryClient {
    private final RegistryTransport transport;

    public RegistryClient(RegistryTransport transport) {
        this.transport = transport;
    }

    public RegistryTransport transport() {
        return transport;
    }

    /** What a manifest HEAD tells: digest, media type and size, without the body. */
    public record ManifestHead(Digest digest, String mediaType, long size) {
    }

    /** HEAD of a manifest by tag or digest; empty when it does not exist. */
    public Optional<ManifestHead> headManifest(ImageReference ref) {
        RegistryRequest request = RegistryRequest.of("HEAD", ref.apiHost(), manifestPath(ref.repository(), ref.manifestReference()),
                List.of(TokenScopes.pull(ref.repository()))).withHeader("Accept", MediaTypes.ACCEPT);
        RegistryResponse response = transport.send(request, 0);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw errorFor(response, request, ref.toString(), "reading " + ref);
        }
        String digestHeader = response.header("Docker-Content-Digest").orElse(null);
        if (digestHeader == null) {
            // Some registries omit it on HEAD; a GET gives the bytes to hash.
            RawManifest m = getManifest(ref);
            return Optional.of(new ManifestHead(m.digest(), m.mediaType(), m.size()));
        }
        Digest digest = parseDigestHeader(digestHeader, ref);
        if (ref.digest() != null && !ref.digest().equals(digest)) {
            throw new ContentMismatchException("registry answered " + digest + " for " + ref);
        }
        return Optional.of(new ManifestHead(digest, MediaTypes.normalize(response.header("Content-Type").orElse(null)),
                response.contentLength()));
    }

    /**
     * GET of a manifest, bytes kept exactly. The digest is computed from the bytes and checked against the digest in
     * the reference and the registry's {@code Docker-Content-Digest}.
     */
    public RawManifest getManifest(ImageReference ref) {
        RegistryRequest request = RegistryRequest.of("GET", ref.apiHost(), manifestPath(ref.repository(), ref.manifestReference()),
                List.of(TokenScopes.pull(ref.repository()))).withHeader("Accept", MediaTypes.ACCEPT);
        RegistryResponse response;
        try {
            response = transport.send(request, RawManifest.MAX_SIZE);
        } catch (RegistryTransport.BodyTooLargeException e) {
            throw new UnsupportedContentException("manifest of " + ref + " is over the 4 MiB limit; refusing to read it");
        }
        if (!response.isSuccess()) {
            throw errorFor(response, request, ref.toString(), "reading manifest " + ref);
        }
        RawManifest manifest = RawManifest.of(response.body(), response.header("Content-Type").orElse(null), ref.toString());
        if (ref.digest() != null) {
            Digest actual = ref.digest().of(response.body());
            if (!actual.equals(ref.digest())) {
                throw new ContentMismatchException("manifest served for " + ref + " hashes to " + actual
                        + ", not the requested digest; the registry returned other content");
            }
        }
        Optional<String> header = response.header("Docker-Content-Digest");
        if (header.isPresent()) {
            Digest claimed = parseDigestHeader(header.get(), ref);
            if (!claimed.equals(claimed.of(response.body()))) {
                throw new ContentMismatchException("registry says the manifest of " + ref + " is " + claimed
                        + " but its bytes hash to " + claimed.of(response.body()));
            }
        }
        return manifest;
    }

    /**
     * PUT of exact manifest bytes under a tag or digest. A registry that names a different stored digest changed the
     * manifest: that is an error. The answer says whether the registry confirmed the digest.
     */
    public StoredManifest putManifest(ImageReference target, String tagOrDigest, RawManifest manifest) {
        return putManifest(target, tagOrDigest, manifest, (Digest) null);
    }

    /**
     * Like {@link #putManifest(ImageReference, String, RawManifest)}, but conditional when {@code ifMatch} is given:
     * {@code If-Match: "<digest>"} asks the registry to write only while the tag still holds that digest. A registry
     * that honours it answers 412 otherwise, which is a {@link PreconditionFailedException} with the tag untouched;
     * distribution 2.8.2 ignores the header, so the caller's own check and read-back stay necessary.
     */
    public StoredManifest putManifest(ImageReference target, String tagOrDigest, RawManifest manifest, Digest ifMatch) {
        java.util.Map<String, String> headers = ifMatch == null ? java.util.Map.of() : java.util.Map.of("If-Match", "\"" + ifMatch + "\"");
        RegistryRequest request = new RegistryRequest("PUT", target.apiHost(), manifestPath(target.repository(), tagOrDigest),
                headers, new RegistryRequest.Bytes(manifest.bytes(), manifest.mediaType()),
                List.of(TokenScopes.pushPull(target.repository())));
        RegistryResponse response = transport.send(request, 64 * 1024);
        String where = target.name() + (tagOrDigest.contains(":") ? "@" : ":") + tagOrDigest;
        if (response.status() == 412 && ifMatch != null) {
            throw new PreconditionFailedException("target " + where + " no longer holds " + ifMatch + ": the registry refused"
                    + " the conditional write (HTTP 412, If-Match); it was not changed", where, ifMatch.toString(), null);
        }
        if (!response.isSuccess()) {
            throw errorFor(response, request, where, "writing manifest " + manifest.digest() + " to " + where);
        }
        Optional<String> stored = response.header("Docker-Content-Digest");
        if (stored.isPresent()) {
            Digest d = parseDigestHeader(stored.get(), target);
            if (!d.equals(manifest.digest())) {
                throw new ContentMismatchException("registry stored " + where + " as " + d + ", not " + manifest.digest()
                        + ": it changed the manifest");
            }
        }
        return new StoredManifest(manifest.digest(), stored.isPresent());
    }

    /** HEAD of a blob in a repository. */
    public boolean blobExists(ImageReference repo, Digest digest) {
        RegistryRequest request = RegistryRequest.of("HEAD", repo.apiHost(), blobPath(repo.repository(), digest),
                List.of(TokenScopes.pull(repo.repository())));
        RegistryResponse response = transport.send(request, 0);
        if (response.status() == 404) {
            return false;
        }
        if (!response.isSuccess()) {
            throw errorFor(response, request, repo.name() + "@" + digest, "checking blob " + digest + " in " + repo.name());
        }
        return true;
    }

    /** A blob upload session: where to send the content. */
    public record UploadSession(ImageReference repo, String location) {
    }

    /** The answer to a mount request: mounted (nothing to upload), or a session to upload into. */
    public record MountOutcome(boolean mounted, UploadSession session) {
    }

    /**
     * {@code POST /v2/<repo>/blobs/uploads/?mount=&from=}: 201 means the blob is now linked (also when the target had
     * it already); 202 opens an upload session, which the caller must use or cancel.
     */
    public MountOutcome mountOrOpen(ImageReference target, Digest digest, String fromRepository) {
        List<String> scopes = fromRepository.equals(target.repository())
                ? List.of(TokenScopes.pushPull(target.repository()))
                : List.of(TokenScopes.pushPull(target.repository()), TokenScopes.pull(fromRepository));
        RegistryRequest request = new RegistryRequest("POST", target.apiHost(),
                "/v2/" + target.repository() + "/blobs/uploads/?mount=" + encode(digest.toString()) + "&from=" + encode(fromRepository),
                java.util.Map.of(), new RegistryRequest.Bytes(new byte[0], null), scopes);
        RegistryResponse response = transport.send(request, 64 * 1024);
        if (response.status() == 201) {
            return new MountOutcome(true, null);
        }
        if (response.status() == 202) {
            return new MountOutcome(false, new UploadSession(target, location(response, request)));
        }
        throw errorFor(response, request, target.name() + "@" + digest, "mounting blob " + digest + " into " + target.name());
    }

    /** Opens an upload session without a mount attempt. */
    public UploadSession startUpload(ImageReference target) {
        RegistryRequest request = new RegistryRequest("POST", target.apiHost(), "/v2/" + target.repository() + "/blobs/uploads/",
                java.util.Map.of(), new RegistryRequest.Bytes(new byte[0], null), List.of(TokenScopes.pushPull(target.repository())));
        RegistryResponse response = transport.send(request, 64 * 1024);
        if (response.status() != 202) {
            throw errorFor(response, request, target.name(), "starting a blob upload to " + target.name());
        }
        return new UploadSession(target, location(response, request));
    }

    /** GET of a blob as a stream (redirects to blob storage followed without credentials). Caller closes it. */
    public RegistryResponse openBlob(ImageReference source, Digest digest) {
        RegistryRequest request = RegistryRequest.of("GET", source.apiHost(), blobPath(source.repository(), digest),
                List.of(TokenScopes.pull(source.repository())));
        RegistryResponse response = transport.open(request);
        if (!response.isSuccess()) {
            byte[] body;
            try (InputStream in = response.stream()) {
                body = in.readNBytes(64 * 1024);
            } catch (java.io.IOException e) {
                body = new byte[0];
            }
            throw errorFor(new RegistryResponse(response.status(), response.headers(), response.uri(), body, null), request,
                    source.name() + "@" + digest, "reading blob " + digest + " from " + source.name());
        }
        return response;
    }

    /**
     * Monolithic upload: {@code PUT <session>?digest=} with the whole content streamed. The stream is read once; a
     * failure inside it aborts the request so the registry never commits the blob.
     */
    public void completeUpload(UploadSession session, Digest digest, Supplier<InputStream> content, long length) {
        String path = session.location() + (session.location().contains("?") ? "&" : "?") + "digest=" + encode(digest.toString());
        RegistryRequest request = new RegistryRequest("PUT", session.repo().apiHost(), path, java.util.Map.of(),
                new RegistryRequest.Stream(content, length, "application/octet-stream"),
                List.of(TokenScopes.pushPull(session.repo().repository())));
        RegistryResponse response = transport.send(request, 64 * 1024);
        if (response.status() != 201 && response.status() != 204) {
            throw errorFor(response, request, session.repo().name() + "@" + digest, "uploading blob " + digest + " to " + session.repo().name());
        }
        response.header("Docker-Content-Digest").ifPresent(h -> {
            Digest stored = parseDigestHeader(h, session.repo());
            if (!stored.equals(digest)) {
                throw new ContentMismatchException("registry stored blob " + digest + " as " + stored);
            }
        });
    }

    /**
     * Chunked upload for registries that refuse a monolithic body (413): {@code PATCH} with {@code Content-Range} per
     * chunk, each streamed straight from {@code content} (memory stays bounded), then {@code PUT ?digest=} without a
     * body.
     */
    public void completeChunkedUpload(UploadSession session, Digest digest, InputStream content, long length, int chunkSize) {
        String location = session.location();
        List<String> scopes = List.of(TokenScopes.pushPull(session.repo().repository()));
        String where = session.repo().name() + "@" + digest;
        long offset = 0;
        while (offset < length) {
            long size = Math.min(chunkSize, length - offset);
            long start = offset;
            InputStream chunk = new BoundedInputStream(content, size);
            RegistryRequest patch = new RegistryRequest("PATCH", session.repo().apiHost(), location,
                    java.util.Map.of("Content-Range", start + "-" + (start + size - 1)),
                    new RegistryRequest.Stream(() -> chunk, size, "application/octet-stream"), scopes);
            RegistryResponse response = transport.send(patch, 64 * 1024);
            if (response.status() != 202) {
                throw errorFor(response, patch, where, "uploading a chunk of blob " + digest + " to " + session.repo().name());
            }
            location = location(response, patch);
            offset += size;
        }
        String path = location + (location.contains("?") ? "&" : "?") + "digest=" + encode(digest.toString());
        RegistryRequest put = new RegistryRequest("PUT", session.repo().apiHost(), path, java.util.Map.of(),
                new RegistryRequest.Bytes(new byte[0], "application/octet-stream"), scopes);
        RegistryResponse response = transport.send(put, 64 * 1024);
        if (response.status() != 201 && response.status() != 204) {
            throw errorFor(response, put, where, "completing the chunked upload of blob " + digest + " to " + session.repo().name());
        }
    }

    /** Reads at most {@code limit} bytes of the underlying stream and never closes it: one chunk of a longer stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the next chunk continues from here
        }
    }

    /** Abandons an upload session; best effort, so a failure here never hides the original error. */
    public void cancelUpload(UploadSession session) {
        try {
            RegistryRequest request = RegistryRequest.of("DELETE", session.repo().apiHost(), session.location(),
                    List.of(TokenScopes.pushPull(session.repo().repository())));
            transport.send(request, 64 * 1024);
        } catch (RuntimeException ignored) {
            // the registry purges stale sessions itself
        }
    }

    // ---- ledger and referrers: small documents read and written whole ---------------------------------------

    /** A manifest PUT's answer with the headers a referrers-aware writer needs. */
    public record ManifestPutAnswer(StoredManifest stored, Optional<String> ociSubject) {
    }

    /**
     * PUT of exact manifest bytes with extra headers (e.g. {@code If-Match}); the answer keeps {@code OCI-Subject},
     * which a registry with the referrers API sends for a manifest that has a {@code subject}. A 412 becomes a
     * {@link io.imagepromotion.core.error.PreconditionFailedException}.
     */
    public ManifestPutAnswer putManifestWithHeaders(ImageReference target, String tagOrDigest, RawManifest manifest,
                                         java.util.Map<String, String> headers) {
        RegistryRequest request = new RegistryRequest("PUT", target.apiHost(), manifestPath(target.repository(), tagOrDigest),
                headers, new RegistryRequest.Bytes(manifest.bytes(), manifest.mediaType()),
                List.of(TokenScopes.pushPull(target.repository())));
        RegistryResponse response = transport.send(request, 64 * 1024);
        String where = target.name() + (tagOrDigest.contains(":") ? "@" : ":") + tagOrDigest;
        if (response.status() == 412) {
            throw new io.imagepromotion.core.error.PreconditionFailedException("registry refused to write " + where
                    + ": it changed since it was read (HTTP 412)", where, headers.get("If-Match"), null);
        }
        if (!response.isSuccess()) {
            throw errorFor(response, request, where, "writing manifest " + manifest.digest() + " to " + where);
        }
        Optional<String> stored = response.header("Docker-Content-Digest");
        if (stored.isPresent() && !parseDigestHeader(stored.get(), target).equals(manifest.digest())) {
            throw new ContentMismatchException("registry stored " + where + " as " + stored.get() + ", not " + manifest.digest()
                    + ": it changed the manifest");
        }
        return new ManifestPutAnswer(new StoredManifest(manifest.digest(), stored.isPresent()), response.header("OCI-Subject"));
    }

    /** GET of a manifest that may be absent: empty on 404. */
    public Optional<RawManifest> findManifest(ImageReference ref) {
        try {
            return Optional.of(getManifest(ref));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** GET of a small blob into memory, its digest checked; at most {@code maxBytes}. */
    public byte[] getBlob(ImageReference repo, Digest digest, int maxBytes) {
        RegistryRequest request = RegistryRequest.of("GET", repo.apiHost(), blobPath(repo.repository(), digest),
                List.of(TokenScopes.pull(repo.repository())));
        RegistryResponse response;
        try {
            response = transport.send(request, maxBytes);
        } catch (RegistryTransport.BodyTooLargeException e) {
            throw new UnsupportedContentException("blob " + digest + " in " + repo.name() + " is over " + maxBytes + " bytes");
        }
        if (!response.isSuccess()) {
            throw errorFor(response, request, repo.name() + "@" + digest, "reading blob " + digest + " from " + repo.name());
        }
        if (!digest.of(response.body()).equals(digest)) {
            throw new ContentMismatchException("blob " + digest + " in " + repo.name() + " hashes to " + digest.of(response.body()));
        }
        return response.body();
    }

    /** Pushes a small blob unless the repository has it: HEAD, then POST and PUT only when missing. */
    public void ensureBlob(ImageReference repo, byte[] content) {
        Digest digest = Digest.sha256(content);
        if (!blobExists(repo, digest)) {
            uploadBlob(repo, content);
        }
    }

    /** Pushes a small blob in one monolithic upload (POST, then PUT with the bytes): 2 requests. */
    public void uploadBlob(ImageReference repo, byte[] content) {
        UploadSession session = startUpload(repo);
        completeUpload(session, Digest.sha256(content), () -> new java.io.ByteArrayInputStream(content), content.length);
    }

    /**
     * One page of {@code GET /v2/<name>/tags/list?n=&last=}: the tags after {@code last} in the registry's order
     * (lexical, as the spec requires), at most {@code n}. Empty for a repository that does not exist.
     */
    public List<String> listTags(ImageReference repo, int n, String last) {
        String query = "?n=" + n + (last == null ? "" : "&last=" + encode(last));
        RegistryRequest request = RegistryRequest.of("GET", repo.apiHost(), "/v2/" + repo.repository() + "/tags/list" + query,
                List.of(TokenScopes.pull(repo.repository())));
        RegistryResponse response = transport.send(request, 4 * 1024 * 1024);
        if (response.status() == 404) {
            return List.of();
        }
        if (!response.isSuccess()) {
            throw errorFor(response, request, repo.name(), "listing the tags of " + repo.name());
        }
        try {
            List<String> tags = new java.util.ArrayList<>();
            io.imagepromotion.core.json.JsonValue.parse(response.body()).path("tags").forEach(t -> tags.add(t.asText()));
            return tags;
        } catch (java.io.IOException e) {
            throw new UnsupportedContentException("tag list of " + repo.name() + " is not valid JSON");
        }
    }

    private String location(RegistryResponse response, RegistryRequest request) {
        String location = response.header("Location").orElseThrow(() -> new TransportException(
                request.describe() + " answered " + response.status() + " without a Location header"));
        URI uri = response.uri().resolve(location);
        String authority = uri.getRawAuthority();
        if (authority != null && !authority.equalsIgnoreCase(request.registry())) {
            throw new TransportException("registry " + request.registry() + " sent the upload to another host ("
                    + uri.getHost() + "), which is not supported");
        }
        String path = uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        if (!path.startsWith("/v2/")) {
            throw new TransportException("registry " + request.registry() + " sent an upload location outside /v2/");
        }
        return path;
    }

    // ---- errors --------------------------------------------------------------------------------------------------

    /** Maps an error answer to a typed exception naming what was being done and what to do about it. */
    RegistryException errorFor(RegistryResponse response, RegistryRequest request, String reference, String what) {
        int status = response.status();
        List<RegistryErrorCode> codes = transport.errorCodes(request.registry(), response.body());
        String codeText = codes.isEmpty() ? "" : " " + codes;
        boolean insufficientScope = response.headers().allValues("WWW-Authenticate").stream()
                .flatMap(v -> AuthChallenge.parse(List.of(v)).stream())
                .anyMatch(c -> "insufficient_scope".equals(c.parameter("error")));
        if (status == 401 && !insufficientScope) {
            return new AuthenticationException(what + " failed: registry " + request.registry()
                    + " requires authentication or rejected the credentials (HTTP 401" + codeText
                    + "); check the credentials for " + request.registry(), status, codes, reference, request.describe());
        }
        if (status == 403 || status == 401 || codes.stream().anyMatch(c -> RegistryErrorCode.DENIED.equals(c.code()))) {
            return new AccessDeniedException(what + " failed: access denied by " + request.registry() + " (HTTP " + status
                    + codeText + "); the credentials lack the permission this needs", status, codes, reference, request.describe());
        }
        if (status == 404) {
            return new NotFoundException(what + " failed: not found (HTTP 404" + codeText
                    + "); check the repository, tag or digest", status, codes, reference, request.describe());
        }
        return new RegistryException(what + " failed: registry " + request.registry() + " answered HTTP " + status + codeText,
                status, codes, reference, request.describe());
    }

    private static Digest parseDigestHeader(String value, Object where) {
        try {
            return Digest.parse(value.trim());
        } catch (InvalidInputException e) {
            throw new ContentMismatchException("registry sent an invalid Docker-Content-Digest for " + where);
        }
    }

    private static String manifestPath(String repository, String reference) {
        return "/v2/" + repository + "/manifests/" + reference;
    }

    private static String blobPath(String repository, Digest digest) {
        return "/v2/" + repository + "/blobs/" + digest;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
