package io.imagepromotion.core.referrers;

import io.imagepromotion.core.auth.TokenScopes;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryRequest;
import io.imagepromotion.core.transport.RegistryResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the referrers of a digest: the registry's referrers API where it answers, else the referrers fallback tag.
 * The API counts as present only on a 200 with an OCI image index Content-Type (a 404 in text or HTML, a 303 to a web
 * page, a 405 all mean absent, as do false 200s of another type); the answer is cached per repository for the life of
 * this object. Adding a referrer to the fallback index goes through {@link MergingTagWriter}.
 */
public final class ReferrersDiscovery {
    private final RegistryClient client;
    private final MergingTagWriter writer;
    private final Map<String, Boolean> apiByRepository = new ConcurrentHashMap<>();

    public ReferrersDiscovery(RegistryClient client, MergingTagWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    /** The referrers of {@code subject} in {@code repo}'s repository, optionally only those of one artifact type. */
    public List<Descriptor> list(ImageReference repo, Digest subject, String artifactType) {
        Optional<ReferrersIndex> fromApi = queryApi(repo, subject);
        ReferrersIndex index = fromApi.orElseGet(() -> readFallback(repo, subject));
        List<Descriptor> out = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            // The filter is a SHOULD for registries; filtering here as well is always right.
            if (artifactType == null || artifactType.equals(d.artifactType())) {
                out.add(d);
            }
        }
        return out;
    }

    /** Whether the repository's registry answers the referrers API (probed once per repository, with this subject). */
    public boolean apiAvailable(ImageReference repo, Digest subject) {
        Boolean known = apiByRepository.get(cacheKey(repo));
        if (known != null) {
            return known;
        }
        return queryApi(repo, subject).isPresent();
    }

    /** Remembers what a PUT's {@code OCI-Subject} answer said about the API, saving the probe. */
    public void learnFromPut(ImageReference repo, boolean ociSubjectAnswered) {
        if (ociSubjectAnswered) {
            apiByRepository.put(cacheKey(repo), true);
        }
    }

    /**
     * Adds referrer descriptors to the fallback index of {@code subject}: a union, never a replacement, so entries
     * other clients wrote stay. Skipped where the registry has the API (it indexes referrers itself).
     */
    public void addToFallback(ImageReference repo, Digest subject, List<Descriptor> referrers) {
        ImageReference tag = repo.withTag(FallbackTag.of(subject));
        writer.merge(tag, current -> {
            ReferrersIndex now = current.map(m -> ReferrersIndex.parse(m.bytes(), tag.toString())).orElse(ReferrersIndex.empty());
            if (referrers.stream().allMatch(r -> now.contains(r.digest()))) {
                return Optional.empty();
            }
            return Optional.of(now.union(referrers).toManifest());
        });
    }

    /**
     * The OCI 1.1 referrers of {@code subject} as a copy discovers them: the API's answer where the repository has the
     * API (the first call for a repository is also the probe), else the fallback index, read only when the repository's
     * digest tags show it exists. On a repository without the API and without the tag this sends nothing beyond the
     * cached probe.
     */
    public List<Descriptor> listKnowingTags(ImageReference repo, Digest subject, DigestTags tags) {
        Optional<ReferrersIndex> fromApi = queryApi(repo, subject);
        if (fromApi.isPresent()) {
            return fromApi.get().manifests();
        }
        if (!tags.contains(FallbackTag.of(subject))) {
            return List.of();
        }
        return readFallback(repo, subject).manifests();
    }

    /** Whether the repository is known to answer the referrers API, without asking: empty when not probed yet. */
    public Optional<Boolean> knownApi(ImageReference repo) {
        return Optional.ofNullable(apiByRepository.get(cacheKey(repo)));
    }

    private ReferrersIndex readFallback(ImageReference repo, Digest subject) {
        ImageReference tag = repo.withTag(FallbackTag.of(subject));
        Optional<RawManifest> index = client.findManifest(tag);
        if (index.isEmpty() || !MediaTypes.OCI_INDEX.equals(index.get().mediaType())) {
            // The spec: a fallback tag holding no valid index means no referrers.
            return ReferrersIndex.empty();
        }
        return ReferrersIndex.parse(index.get().bytes(), tag.toString());
    }

    /** The API's answer, following {@code Link: rel="next"} pages; empty when the API is absent. */
    private Optional<ReferrersIndex> queryApi(ImageReference repo, Digest subject) {
        String key = cacheKey(repo);
        if (Boolean.FALSE.equals(apiByRepository.get(key))) {
            return Optional.empty();
        }
        String path = "/v2/" + repo.repository() + "/referrers/" + subject;
        ReferrersIndex all = ReferrersIndex.empty();
        for (int page = 0; page < 100 && path != null; page++) {
            RegistryRequest request = RegistryRequest.of("GET", repo.apiHost(), path, List.of(TokenScopes.pull(repo.repository())))
                    .withHeader("Accept", MediaTypes.OCI_INDEX);
            RegistryResponse response = client.transport().send(request, RawManifest.MAX_SIZE);
            boolean isIndex = MediaTypes.OCI_INDEX.equals(MediaTypes.normalize(response.header("Content-Type").orElse(null)));
            if (response.status() != 200 || !isIndex) {
                if (page == 0) {
                    apiByRepository.put(key, false);
                    return Optional.empty();
                }
                break;
            }
            apiByRepository.put(key, true);
            all = all.union(ReferrersIndex.parse(response.body(), "referrers of " + repo.name() + "@" + subject).manifests());
            path = nextLink(response.header("Link").orElse(null));
        }
        return Optional.of(all);
    }

    /** The path of a {@code Link: <...>; rel="next"} header, when it stays under /v2/ on the same host. */
    static String nextLink(String link) {
        if (link == null || !link.contains("rel=\"next\"")) {
            return null;
        }
        int open = link.indexOf('<');
        int close = link.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return null;
        }
        String target = link.substring(open + 1, close);
        if (target.startsWith("http://") || target.startsWith("https://")) {
            target = java.net.URI.create(target).getRawPath() + Optional.ofNullable(java.net.URI.create(target).getRawQuery()).map(q -> "?" + q).orElse("");
        }
        return target.startsWith("/v2/") ? target : null;
    }

    private static String cacheKey(ImageReference repo) {
        return repo.apiHost() + "/" + repo.repository();
    }
}
