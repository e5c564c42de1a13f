package io.imagepromotion.core.referrers;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.ManifestDescriptor;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.registry.RegistryClient.ManifestHead;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything attached to a set of digests in one repository, recursively: OCI 1.1 referrers (through the referrers
 * API or the {@code sha256-<hex>} fallback index) and cosign's {@code sha256-<hex>.sig/.att/.sbom} tags, then the
 * same for each referrer found (the signature of an attestation), each digest once.
 *
 * <p>Requests: one {@code tags/list} read ({@link DigestTags}) and one referrers-API probe per repository, whatever
 * the number of digests, on a registry without the API. Beyond those, only what exists costs: one GET per fallback
 * index, per cosign tag and per OCI referrer manifest ({@link #collect}), or one HEAD per cosign tag and nothing per
 * OCI referrer ({@link #digests}). A registry with the API is asked once per digest walked.
 */
public final class ReferrerWalk {
    private final RegistryClient client;
    private final ReferrersDiscovery discovery;

    public ReferrerWalk(RegistryClient client, ReferrersDiscovery discovery) {
        this.client = client;
        this.discovery = discovery;
    }

    /**
     * The referrers of {@code roots} in {@code repo} with their bytes, in the order found: a referrer before the
     * referrers attached to it.
     */
    public List<Referrer> collect(ImageReference repo, List<Digest> roots) {
        DigestTags tags = DigestTags.read(client, repo);
        List<Referrer> out = new ArrayList<>();
        Set<Digest> seen = new HashSet<>(roots);
        Deque<Digest> subjects = new ArrayDeque<>(roots);
        while (!subjects.isEmpty()) {
            Digest subject = subjects.poll();
            for (Descriptor entry : discovery.listKnowingTags(repo, subject, tags)) {
                if (seen.add(entry.digest())) {
                    RawManifest manifest = client.getManifest(repo.withDigest(entry.digest()));
                    out.add(new Referrer(subject, manifest, below(repo, manifest), null, entry));
                    subjects.add(entry.digest());
                }
            }
            for (String tag : CosignTags.of(subject)) {
                if (tags.contains(tag)) {
                    RawManifest manifest = client.getManifest(repo.withTag(tag));
                    // Always listed: the tag is what cosign looks up, even when the same manifest was found another way.
                    out.add(new Referrer(subject, manifest, below(repo, manifest), tag, null));
                    if (seen.add(manifest.digest())) {
                        subjects.add(manifest.digest());
                    }
                }
            }
        }
        return out;
    }

    /**
     * What is attached to {@code roots} in {@code repo}, recursively, as keys only, reading as little as the listing
     * allows (a HEAD per cosign tag, nothing per OCI referrer): what a parity check compares.
     */
    public Set<ReferrerKey> keys(ImageReference repo, List<Digest> roots) {
        DigestTags tags = DigestTags.read(client, repo);
        Set<ReferrerKey> out = new LinkedHashSet<>();
        Set<Digest> seen = new HashSet<>(roots);
        Deque<Digest> subjects = new ArrayDeque<>(roots);
        while (!subjects.isEmpty()) {
            Digest subject = subjects.poll();
            for (Descriptor entry : discovery.listKnowingTags(repo, subject, tags)) {
                out.add(new ReferrerKey(entry.digest(), null));
                if (seen.add(entry.digest())) {
                    subjects.add(entry.digest());
                }
            }
            for (String tag : CosignTags.of(subject)) {
                if (tags.contains(tag)) {
                    Optional<ManifestHead> head = client.headManifest(repo.withTag(tag));
                    if (head.isPresent()) {
                        out.add(new ReferrerKey(head.get().digest(), tag));
                        if (seen.add(head.get().digest())) {
                            subjects.add(head.get().digest());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The manifests below an index referrer, children before parents; empty for an image manifest. */
    private List<RawManifest> below(ImageReference repo, RawManifest manifest) {
        if (!manifest.isIndex()) {
            return List.of();
        }
        Map<Digest, RawManifest> bottomUp = new LinkedHashMap<>();
        collectBelow(repo, manifest, bottomUp, new LinkedHashSet<>());
        return List.copyOf(bottomUp.values());
    }

    private void collectBelow(ImageReference repo, RawManifest index, Map<Digest, RawManifest> bottomUp, Set<Digest> path) {
        if (!path.add(index.digest())) {
            throw new io.imagepromotion.core.error.UnsupportedContentException("referrer index " + index.digest()
                    + " refers to itself through its children; refusing to copy a cycle");
        }
        for (ManifestDescriptor child : index.children()) {
            if (!bottomUp.containsKey(child.digest())) {
                RawManifest m = client.getManifest(repo.withDigest(child.digest()));
                if (m.isIndex()) {
                    collectBelow(repo, m, bottomUp, path);
                }
                bottomUp.put(m.digest(), m);
            }
        }
        path.remove(index.digest());
    }
}
