package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.manifest.ManifestDescriptor;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.referrers.Descriptor;
import io.imagepromotion.core.referrers.DigestTags;
import io.imagepromotion.core.referrers.MissingReferrersException;
import io.imagepromotion.core.referrers.Referrer;
import io.imagepromotion.core.referrers.ReferrerKey;
import io.imagepromotion.core.referrers.ReferrerWalk;
import io.imagepromotion.core.referrers.ReferrersDiscovery;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.TransportSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Carries the referrers of a promoted digest into a target repository, byte for byte, before the target tag moves,
 * and proves they arrived (the parity check).
 *
 * <p>Per referrer: its blobs (mounted on the same registry, streamed to another), the manifests below it when it is
 * an index, then the manifest itself, under the same cosign tag or by digest. OCI 1.1 referrers are then added to the
 * target's {@code sha256-<hex>} fallback index by a merge ({@code MergingTagWriter}): entries already there stay. A
 * cosign tag the target already has is overwritten only when every signature layer it holds is also in the source's
 * (the source's is newer); otherwise it is left alone and the parity check reports the referrer missing.
 *
 * <p>A referrer that fails to copy does not stop the others; the parity check that follows reads the target afresh
 * and names everything missing.
 */
final class ReferrerCopy {
    private final RegistryClient client;
    private final TransportSettings settings;
    private final ConcurrentRequests concurrent;
    private final ReferrersDiscovery discovery;
    private final ReferrerWalk walk;
    private final PromotionListener quiet;

    ReferrerCopy(RegistryClient client, TransportSettings settings, PromotionListener listener, ConcurrentRequests concurrent,
                 ReferrersDiscovery discovery) {
        this.client = client;
        this.settings = settings;
        this.concurrent = concurrent;
        this.discovery = discovery;
        this.walk = new ReferrerWalk(client, discovery);
        // Referrer blobs are small and would confuse the image's progress report; warnings still go through.
        this.quiet = new PromotionListener() {
            @Override
            public void warning(String message) {
                listener.warning(message);
            }
        };
    }

    /** The source's referrers of {@code roots}, recursively. */
    List<Referrer> discover(ImageReference source, List<Digest> roots) {
        return walk.collect(source, roots);
    }

    /**
     * Copies {@code referrers} from {@code source} to {@code target}'s repository and checks parity.
     *
     * @throws MissingReferrersException when the target does not list every one of them afterwards
     */
    ReferrersCarried copy(ImageReference source, ImageReference target, List<Referrer> referrers, List<Digest> roots) {
        boolean sameRegistry = target.sameRegistry(source);
        DigestTags existing = DigestTags.read(client, target);
        int manifests = 0;
        int mounted = 0;
        int copied = 0;
        long bytes = 0;
        List<String> failures = new ArrayList<>();
        Map<Digest, List<Descriptor>> bySubject = new LinkedHashMap<>();
        Set<Digest> pushed = new LinkedHashSet<>();
        for (Referrer r : referrers) {
            try {
                if (r.isCosignTag() && existing.contains(r.cosignTag())) {
                    Optional<RawManifest> there = client.findManifest(target.withTag(r.cosignTag()));
                    if (there.isPresent() && there.get().digest().equals(r.digest())) {
                        continue;
                    }
                    if (there.isPresent() && !layersOf(r.manifest()).containsAll(layersOf(there.get()))) {
                        failures.add(target.withTag(r.cosignTag()) + " holds " + there.get().digest()
                                + " with layers the source's " + r.digest() + " lacks; it was not overwritten");
                        continue;
                    }
                }
                // The content once per digest: a cosign tag may name a manifest that is also an OCI referrer.
                boolean firstTime = pushed.add(r.digest());
                if (firstTime) {
                    BlobTransfer.Outcome blobs = new BlobTransfer(client, settings, quiet, concurrent)
                            .transfer(source, target, blobsOf(r), sameRegistry);
                    mounted += blobs.mounted();
                    copied += blobs.copied();
                    bytes += blobs.bytes();
                    for (RawManifest child : r.children()) {
                        client.putManifest(target, child.digest().toString(), child);
                        manifests++;
                    }
                }
                if (r.isCosignTag()) {
                    client.putManifest(target, r.cosignTag(), r.manifest());
                    manifests++;
                } else {
                    if (firstTime) {
                        RegistryClient.ManifestPutAnswer answer = client.putManifestWithHeaders(target, r.digest().toString(),
                                r.manifest(), Map.of());
                        manifests++;
                        discovery.learnFromPut(target, answer.ociSubject().isPresent());
                    }
                    bySubject.computeIfAbsent(r.subject(), s -> new ArrayList<>()).add(r.entry());
                }
            } catch (ImagePromotionException e) {
                failures.add(r.describe() + ": " + e.getMessage());
            }
        }
        int merged = 0;
        // A registry with the referrers API indexes them itself (it said so with OCI-Subject); otherwise the fallback.
        if (!discovery.knownApi(target).orElse(false)) {
            for (Map.Entry<Digest, List<Descriptor>> e : bySubject.entrySet()) {
                try {
                    discovery.addToFallback(target, e.getKey(), e.getValue());
                    merged++;
                } catch (ImagePromotionException failed) {
                    failures.add("fallback index of " + e.getKey() + ": " + failed.getMessage());
                }
            }
        }
        checkParity(target, referrers, roots, failures);
        return new ReferrersCarried(true, keys(referrers), manifests, mounted, copied, bytes, merged);
    }

    private void checkParity(ImageReference target, List<Referrer> referrers, List<Digest> roots, List<String> failures) {
        Set<ReferrerKey> there = walk.keys(target, roots);
        List<ReferrerKey> missing = keys(referrers).stream().filter(k -> !there.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw new MissingReferrersException(target.toString(), missing, failures.isEmpty() ? null : String.join("; ", failures));
        }
    }

    static List<ReferrerKey> keys(List<Referrer> referrers) {
        return List.copyOf(new LinkedHashSet<>(referrers.stream().map(Referrer::key).toList()));
    }

    private static List<ManifestDescriptor> blobsOf(Referrer r) {
        Map<Digest, ManifestDescriptor> unique = new LinkedHashMap<>();
        List<RawManifest> all = new ArrayList<>(r.children());
        all.add(r.manifest());
        for (RawManifest m : all) {
            for (ManifestDescriptor b : m.blobs()) {
                if (b.mustBeCopied()) {
                    unique.putIfAbsent(b.digest(), b);
                }
            }
        }
        return List.copyOf(unique.values());
    }

    /** The layers (the signatures, for cosign), config left out: cosign rewrites the config as layers are added. */
    private static Set<Digest> layersOf(RawManifest m) {
        Set<Digest> out = new LinkedHashSet<>();
        m.blobs().stream().skip(1).forEach(b -> out.add(b.digest()));
        return out;
    }
}
