package io.imagepromotion.core.promote;

import io.imagepromotion.core.auth.TokenScopes;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.ContentMismatchException;
import io.imagepromotion.core.error.PreconditionFailedException;
import io.imagepromotion.core.error.TagOverwrittenException;
import io.imagepromotion.core.lock.TargetLease;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.manifest.ManifestDescriptor;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.promote.PromotionPlan.Strategy;
import io.imagepromotion.core.promote.PromotionPlan.TargetPlan;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.referrers.MergingTagWriter;
import io.imagepromotion.core.referrers.Referrer;
import io.imagepromotion.core.referrers.ReferrersDiscovery;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.registry.RegistryClient.ManifestHead;
import io.imagepromotion.core.registry.StoredManifest;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Points target tags at exactly the manifest digest of a source image, in the same repository, another repository or
 * another registry, and proves it.
 *
 * <p>Order of work: resolve the source to one digest (everything after uses the digest); read every target's current
 * digest and check the preconditions for all of them before anything is written; copy content bottom-up (blobs, then
 * child manifests by digest, then the top manifest); for a target in another repository, carry the source digest's
 * referrers there and check their parity ({@link ReferrerCopy}, unless {@link PromotionRequest#copyReferrers()} is
 * off); write each tag last; read each tag back, which must resolve to the source digest. A failure before a tag's
 * write leaves that tag untouched.
 *
 * <p>Other writers ({@link TagWritePolicy}): from the first look at the targets to the proof, the promotion holds the
 * lock of every target tag, so writers sharing the locks (one JVM; with lock files, one machine) are serialised and
 * {@code expectCurrent} is exact among them. A writer that does not share them (another machine) can still write
 * between this promotion's check and its PUT, or just after the PUT: the PUT carries {@code If-Match} for registries
 * that honour it, and after a short settle delay every written tag is read back once. A tag found at another digest
 * is a {@link TagOverwrittenException}, never a success.
 */
public final class ImagePromoter implements AutoCloseable {
    private final RegistryTransport transport;
    private final RegistryClient client;
    private final PromotionListener listener;
    private final TransportSettings settings;
    private final TagWritePolicy writePolicy;
    /** Shared by the promotions of this promoter: the referrers-API probe is cached per repository. */
    private final ReferrersDiscovery referrersDiscovery;

    /** With {@link TagWritePolicy#defaults()}: serialised with the other promotions of this JVM. */
    public ImagePromoter(TransportSettings settings, PromotionListener listener) {
        this(settings, listener, TagWritePolicy.defaults());
    }

    public ImagePromoter(TransportSettings settings, PromotionListener listener, TagWritePolicy writePolicy) {
        this.settings = settings;
        this.writePolicy = java.util.Objects.requireNonNull(writePolicy, "writePolicy");
        this.transport = new RegistryTransport(settings);
        this.client = new RegistryClient(transport);
        this.listener = listener;
        this.referrersDiscovery = new ReferrersDiscovery(client,
                new MergingTagWriter(client, writePolicy.locks(), writePolicy.lockTimeout()));
        transport.onWarning(listener::warning);
    }

    /** Resolves a tag (or checks a digest) to the digest the registry serves now, with one HEAD request. */
    public ResolvedImage resolve(ImageReference reference) {
        transport.anticipateScopes(reference.apiHost(), List.of(TokenScopes.pull(reference.repository())));
        ManifestHead head = client.headManifest(reference).orElseThrow(() -> new io.imagepromotion.core.error.NotFoundException(
                "image " + reference + " not found: check the repository and tag, and that the credentials can pull it",
                404, List.of(), reference.toString(), "HEAD " + reference.apiHost()));
        return new ResolvedImage(reference, head.digest(), head.mediaType(), head.size());
    }

    /**
     * The promotion ledger of the registries this promoter reaches, sharing its connections, credentials and tokens
     * and its per-target locks (the ledger's tags are serialised as the targets are).
     */
    public io.imagepromotion.core.ledger.PromotionLedger ledger(io.imagepromotion.core.ledger.RecordSigner signer) {
        return new io.imagepromotion.core.ledger.PromotionLedger(client, writePolicy.locks(), writePolicy.lockTimeout(), signer);
    }

    /** A rollback through this promoter's ledger, its records signed by {@code signer}. */
    public io.imagepromotion.core.ledger.Rollback rollback(io.imagepromotion.core.ledger.RecordSigner signer) {
        return new io.imagepromotion.core.ledger.Rollback(ledger(signer), client);
    }

    /** Registry requests this promoter has sent so far. */
    public int requestCount() {
        return transport.requestCount();
    }

    public PromotionResult promote(PromotionRequest request) {
        try (ConcurrentRequests concurrent = new ConcurrentRequests(settings.blobConcurrency())) {
            return promote(request, concurrent);
        }
    }

    private PromotionResult promote(PromotionRequest request, ConcurrentRequests concurrent) {
        int requestsBefore = transport.requestCount();
        ImageReference source = request.source();
        anticipateScopes(request);

        // 1. The source, pinned to one digest.
        SourceContent content = new SourceContent(source, concurrent);
        if (source.digest() == null) {
            content.top = client.getManifest(source);
        }
        Digest digest = source.digest() != null ? source.digest() : content.top.digest();
        ImageReference pinned = source.withDigest(digest);
        content.pinned = pinned;

        // 2. From here to the proof, this promotion is the only writer of its targets that shares the locks.
        try (TargetLease lease = request.dryRun() ? null : lockTargets(request)) {
            return promoteLocked(request, concurrent, content, digest, requestsBefore);
        }
    }

    private TargetLease lockTargets(PromotionRequest request) {
        List<String> keys = request.targets().stream().filter(t -> t.tag() != null).map(TargetLocks::key).toList();
        Duration timeout = writePolicy.lockTimeout();
        return writePolicy.locks().acquire(keys, timeout, key -> listener.warning("another promotion is writing " + key
                + "; waiting for it to finish (at most " + timeout.toSeconds() + " s)"));
    }

    private PromotionResult promoteLocked(PromotionRequest request, ConcurrentRequests concurrent, SourceContent content,
                                          Digest digest, int requestsBefore) {
        ImageReference source = request.source();
        // Every target's current digest; preconditions for all before any write.
        Map<ImageReference, Digest> current = new LinkedHashMap<>();
        String mediaTypeSeen = null;
        for (ImageReference target : request.targets()) {
            Optional<ManifestHead> head = client.headManifest(target);
            current.put(target, head.map(ManifestHead::digest).orElse(null));
            if (head.isPresent() && head.get().digest().equals(digest)) {
                mediaTypeSeen = head.get().mediaType();
            }
        }
        for (ImageReference target : request.targets()) {
            checkPrecondition(request, target, current.get(target), "before the write");
        }
        boolean anyWrite = current.values().stream().anyMatch(d -> !digest.equals(d));
        if (anyWrite || request.dryRun()) {
            content.top();
        }
        // When every target is already there, its HEAD told the media type: no request for the source at all.
        String mediaType = content.top != null ? content.top.mediaType() : mediaTypeSeen;
        listener.resolved(source, digest, mediaType);

        // 3. Plan.
        List<TargetPlan> plans = new ArrayList<>();
        for (ImageReference target : request.targets()) {
            plans.add(plan(content, target, current.get(target), digest, request.dryRun()));
        }
        PromotionPlan plan = new PromotionPlan(source, digest, mediaType, content.top != null ? 1 + content.top.children().size() : 1, plans);
        listener.planned(plan);

        if (request.dryRun()) {
            return dryRunResult(request, content, digest, mediaType, plans, current, transport.requestCount() - requestsBefore);
        }

        // 4. Content for every target first (blobs, then child manifests), so a failure here moves no tag at all.
        Counters counters = new Counters();
        Set<String> populated = new HashSet<>();
        Set<ImageReference> transferred = new HashSet<>();
        for (TargetPlan targetPlan : plans) {
            Strategy strategy = targetPlan.strategy();
            if ((strategy == Strategy.MOUNT || strategy == Strategy.COPY) && populated.add(targetPlan.target().name())
                    && copyContent(content, targetPlan.target(), strategy, counters, concurrent)) {
                transferred.add(targetPlan.target());
            }
        }

        // 4b. The source digest's referrers, into every repository that just received the image, proven there before
        // any tag moves. A same-repository retag has them already.
        ReferrersCarried referrers = carryReferrers(request, content, plans, concurrent);

        // 5. Copying took time: someone may have moved a tag meanwhile. Check every precondition again before
        // writing any tag.
        if ((!transferred.isEmpty() || referrers.manifestsPushed() > 0) && request.hasPreconditions()) {
            for (TargetPlan targetPlan : plans) {
                if (targetPlan.strategy() != Strategy.ALREADY_AT_DIGEST) {
                    ImageReference target = targetPlan.target();
                    Digest now = client.headManifest(target).map(ManifestHead::digest).orElse(null);
                    checkPrecondition(request, target, now, "after copying the content, just before the write");
                    current.put(target, now);
                }
            }
        }

        // 6. Then each tag, conditional on the expected digest where a registry honours If-Match.
        List<TargetOutcome> outcomes = new ArrayList<>();
        List<ImageReference> written = new ArrayList<>();
        for (TargetPlan targetPlan : plans) {
            ImageReference target = targetPlan.target();
            Digest before = current.get(target);
            if (targetPlan.strategy() == Strategy.ALREADY_AT_DIGEST) {
                TargetOutcome outcome = new TargetOutcome(target, before, false);
                outcomes.add(outcome);
                listener.targetUpdated(outcome);
                continue;
            }
            String tagOrDigest = target.tag() != null ? target.tag() : digest.toString();
            StoredManifest stored = putTag(target, tagOrDigest, content.top(), target.tag() != null ? request.expectedCurrent(target) : null);
            counters.manifestsPushed++;
            // A digest reference cannot be moved by anyone: the PUT's answer proves it. A tag can, so it is read back
            // below even when the answer named the digest.
            if (target.tag() != null && writePolicy.proveByReadBack()) {
                written.add(target);
            } else if (stored.confirmed()) {
                listener.verified(target, digest);
            } else {
                readBack(target, digest);
            }
            TargetOutcome outcome = new TargetOutcome(target, before, !digest.equals(before));
            outcomes.add(outcome);
            listener.targetUpdated(outcome);
        }
        proveWrittenTags(written, digest);
        return new PromotionResult(source, digest, mediaType, outcomes, counters.blobsMounted, counters.blobsCopied,
                counters.blobsSkipped, counters.bytesCopied, counters.manifestsPushed,
                transport.requestCount() - requestsBefore, false, referrers);
    }

    /**
     * Discovers the source digest's referrers once (the image, each manifest below it, and recursively what is attached
     * to those), then copies them into each target repository that receives the image, checking parity there.
     */
    private ReferrersCarried carryReferrers(PromotionRequest request, SourceContent content, List<TargetPlan> plans,
                                            ConcurrentRequests concurrent) {
        if (!request.copyReferrers()) {
            return ReferrersCarried.disabled();
        }
        List<ImageReference> receivers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TargetPlan p : plans) {
            if ((p.strategy() == Strategy.MOUNT || p.strategy() == Strategy.COPY) && seen.add(p.target().name())) {
                receivers.add(p.target());
            }
        }
        if (receivers.isEmpty()) {
            return ReferrersCarried.none();
        }
        List<Digest> roots = new ArrayList<>();
        roots.add(content.pinned.digest());
        content.children().forEach(m -> roots.add(m.digest()));
        ReferrerCopy copy = new ReferrerCopy(client, settings, listener, concurrent, referrersDiscovery);
        List<Referrer> found = copy.discover(content.pinned, roots);
        if (found.isEmpty()) {
            return ReferrersCarried.none();
        }
        ReferrersCarried total = null;
        for (ImageReference target : receivers) {
            ReferrersCarried one = copy.copy(content.pinned, target, found, roots);
            listener.referrersCopied(target, one);
            total = total == null ? one : total.plus(one);
        }
        return total;
    }

    private void anticipateScopes(PromotionRequest request) {
        ImageReference source = request.source();
        Map<String, List<String>> byHost = new LinkedHashMap<>();
        byHost.computeIfAbsent(source.apiHost(), h -> new ArrayList<>()).add(TokenScopes.pull(source.repository()));
        for (ImageReference t : request.targets()) {
            List<String> scopes = byHost.computeIfAbsent(t.apiHost(), h -> new ArrayList<>());
            scopes.add(request.dryRun() ? TokenScopes.pull(t.repository()) : TokenScopes.pushPull(t.repository()));
            if (t.sameRegistry(source)) {
                scopes.add(TokenScopes.pull(source.repository()));
            }
        }
        byHost.forEach(transport::anticipateScopes);
    }

    private void checkPrecondition(PromotionRequest request, ImageReference target, Digest actual, String when) {
        Digest expected = request.expectedCurrent(target);
        if (request.expectedAbsent(target) && actual != null) {
            throw new PreconditionFailedException("target " + target + " exists (at " + actual + ") " + when
                    + ", but it was expected to be absent; it was not changed", target.toString(), null, actual.toString());
        }
        if (expected != null && !expected.equals(actual)) {
            throw new PreconditionFailedException("target " + target + " is at " + (actual == null ? "nothing (absent)" : actual)
                    + " " + when + ", but it was expected at " + expected + "; it was not changed",
                    target.toString(), expected.toString(), actual == null ? null : actual.toString());
        }
    }

    private TargetPlan plan(SourceContent content, ImageReference target, Digest currentDigest, Digest digest, boolean dryRun) {
        if (digest.equals(currentDigest)) {
            return new TargetPlan(target, currentDigest, Strategy.ALREADY_AT_DIGEST, 0, 0, 0);
        }
        ImageReference source = content.source;
        if (target.sameRepository(source)) {
            return new TargetPlan(target, currentDigest, Strategy.RETAG, 0, 0, 0);
        }
        Strategy strategy = target.sameRegistry(source) ? Strategy.MOUNT : Strategy.COPY;
        List<ManifestDescriptor> blobs = content.blobs();
        int present = 0;
        long bytes = 0;
        int toTransfer = 0;
        for (ManifestDescriptor blob : blobs) {
            // Only a dry run asks: a real copy learns it from the mount answer without an extra request.
            if (dryRun && client.blobExists(target, blob.digest())) {
                present++;
            } else {
                toTransfer++;
                if (strategy == Strategy.COPY) {
                    bytes += blob.size();
                }
            }
        }
        return new TargetPlan(target, currentDigest, strategy, toTransfer, present, bytes);
    }

    private PromotionResult dryRunResult(PromotionRequest request, SourceContent content, Digest digest, String mediaType,
                                         List<TargetPlan> plans,
                                         Map<ImageReference, Digest> current, int requests) {
        int mounted = 0;
        int copied = 0;
        int skipped = 0;
        long bytes = 0;
        int manifests = 0;
        Set<String> populated = new HashSet<>();
        List<TargetOutcome> outcomes = new ArrayList<>();
        for (TargetPlan p : plans) {
            boolean changes = p.strategy() != Strategy.ALREADY_AT_DIGEST;
            outcomes.add(new TargetOutcome(p.target(), current.get(p.target()), changes));
            if (!changes) {
                continue;
            }
            manifests++;
            if ((p.strategy() == Strategy.MOUNT || p.strategy() == Strategy.COPY) && populated.add(p.target().name())) {
                manifests += content.top().isIndex() ? content.children().size() : 0;
                skipped += p.blobsPresent();
                if (p.strategy() == Strategy.MOUNT) {
                    mounted += p.blobsToTransfer();
                } else {
                    copied += p.blobsToTransfer();
                    bytes += p.bytesToTransfer();
                }
            }
        }
        return new PromotionResult(request.source(), digest, mediaType, outcomes, mounted, copied, skipped, bytes, manifests,
                requests, true);
    }

    private boolean copyContent(SourceContent content, ImageReference target, Strategy strategy, Counters counters,
                                ConcurrentRequests concurrent) {
        BlobTransfer transfer = new BlobTransfer(client, settings, listener, concurrent);
        BlobTransfer.Outcome outcome = transfer.transfer(content.pinned, target, content.blobs(), strategy == Strategy.MOUNT);
        counters.blobsMounted += outcome.mounted();
        counters.blobsCopied += outcome.copied();
        counters.blobsSkipped += outcome.skipped();
        counters.bytesCopied += outcome.bytes();
        // A registry accepts an index only once the manifests it lists are there: each wave holds the manifests whose
        // own children went in earlier waves.
        for (List<RawManifest> wave : pushWaves(content.children())) {
            concurrent.each(wave, child -> client.putManifest(target, child.digest().toString(), child));
            counters.manifestsPushed += wave.size();
        }
        return outcome.copied() + outcome.mounted() > 0;
    }

    /**
     * Groups bottom-up ordered manifests by height: image manifests (and empty indexes) first, then each index one wave
     * after the highest of its children. Within a wave the bottom-up order is kept.
     */
    private static List<List<RawManifest>> pushWaves(List<RawManifest> bottomUp) {
        Map<Digest, Integer> height = new HashMap<>();
        List<List<RawManifest>> waves = new ArrayList<>();
        for (RawManifest m : bottomUp) {
            int h = 0;
            for (ManifestDescriptor child : m.children()) {
                h = Math.max(h, height.get(child.digest()) + 1);
            }
            height.put(m.digest(), h);
            if (h == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(h).add(m);
        }
        return waves;
    }

    /** The tag's PUT; when a registry refuses it on If-Match (412), the failure says where the tag is now. */
    private StoredManifest putTag(ImageReference target, String tagOrDigest, RawManifest manifest, Digest ifMatch) {
        try {
            return client.putManifest(target, tagOrDigest, manifest, ifMatch);
        } catch (PreconditionFailedException refused) {
            Digest now = client.headManifest(target).map(ManifestHead::digest).orElse(null);
            throw new PreconditionFailedException("target " + target + " is at " + (now == null ? "nothing (absent)" : now)
                    + ": the registry refused the write on its If-Match condition (HTTP 412), expected at " + ifMatch
                    + "; it was not changed", target.toString(), ifMatch.toString(), now == null ? null : now.toString());
        }
    }

    /**
     * After one settle delay for all of them, one HEAD per written tag: a writer the locks do not reach may have
     * written just after this promotion, or its PUT may have been in flight at the same time and landed later.
     */
    private void proveWrittenTags(List<ImageReference> written, Digest digest) {
        if (written.isEmpty()) {
            return;
        }
        long settle = writePolicy.settleDelay().toNanos();
        if (settle > 0) {
            try {
                Thread.sleep(settle / 1_000_000, (int) (settle % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.imagepromotion.core.error.TransportException("interrupted before reading back " + written
                        + "; the tags were written but not proven", e);
            }
        }
        for (ImageReference target : written) {
            Digest now = client.headManifest(target).map(ManifestHead::digest).orElse(null);
            if (!digest.equals(now)) {
                throw new TagOverwrittenException(target.toString(), digest.toString(), now == null ? null : now.toString());
            }
            listener.verified(target, digest);
        }
    }

    private void readBack(ImageReference target, Digest digest) {
        Digest now = client.headManifest(target).map(ManifestHead::digest).orElse(null);
        if (!digest.equals(now)) {
            throw new ContentMismatchException("target " + target + " resolves to " + (now == null ? "nothing" : now)
                    + " after the write, not " + digest + "; another writer may have moved it");
        }
        listener.verified(target, digest);
    }

    @Override
    public void close() {
        transport.close();
    }

    /** The source's manifests, fetched once and only when needed. */
    /** Levels of indexes (the top one included) a source may nest; more is refused before it is read. */
    static final int MAX_INDEX_DEPTH = 16;

    private final class SourceContent {
        final ImageReference source;
        final ConcurrentRequests concurrent;
        ImageReference pinned;
        RawManifest top;
        List<RawManifest> children;
        List<ManifestDescriptor> blobs;

        SourceContent(ImageReference source, ConcurrentRequests concurrent) {
            this.source = source;
            this.concurrent = concurrent;
        }

        RawManifest top() {
            if (top == null) {
                top = client.getManifest(pinned);
            }
            return top;
        }

        /**
         * Every manifest below the top one, children before their parents (nested indexes included), each once:
         * the order in which a target must receive them.
         */
        List<RawManifest> children() {
            if (children == null) {
                Map<Digest, RawManifest> fetched = fetchBelow(top());
                Map<Digest, RawManifest> bottomUp = new LinkedHashMap<>();
                collect(top(), fetched, bottomUp, new HashSet<>());
                children = List.copyOf(bottomUp.values());
            }
            return children;
        }

        /**
         * Every manifest below {@code top}, by digest: all children of one level of indexes at once, then the level
         * below. Each digest is read once, even one that appears under several indexes (or, in a cycle, above itself).
         */
        private Map<Digest, RawManifest> fetchBelow(RawManifest top) {
            Map<Digest, RawManifest> fetched = new HashMap<>();
            List<RawManifest> indexes = List.of(top);
            int depth = 1; // levels of indexes so far, the top one included
            while (!indexes.isEmpty()) {
                if (depth > MAX_INDEX_DEPTH) {
                    throw new io.imagepromotion.core.error.UnsupportedContentException("index " + top.digest() + " of " + source
                            + " nests indexes more than " + MAX_INDEX_DEPTH + " levels deep (at least " + depth
                            + "); refusing to copy it (real multi-platform images nest 1 or 2)");
                }
                depth++;
                Set<Digest> level = new LinkedHashSet<>();
                for (RawManifest index : indexes) {
                    for (ManifestDescriptor child : index.children()) {
                        if (!fetched.containsKey(child.digest())) {
                            level.add(child.digest());
                        }
                    }
                }
                List<RawManifest> manifests = concurrent.each(List.copyOf(level), d -> client.getManifest(source.withDigest(d)));
                manifests.forEach(m -> fetched.put(m.digest(), m));
                indexes = manifests.stream().filter(RawManifest::isIndex).toList();
            }
            return fetched;
        }

        /** Orders the fetched manifests depth first, each child before the index that lists it. */
        private void collect(RawManifest index, Map<Digest, RawManifest> fetched, Map<Digest, RawManifest> bottomUp,
                             Set<Digest> path) {
            if (!path.add(index.digest())) {
                throw new io.imagepromotion.core.error.UnsupportedContentException("index " + index.digest()
                        + " refers to itself through its children; refusing to copy a cycle");
            }
            for (ManifestDescriptor child : index.children()) {
                if (bottomUp.containsKey(child.digest())) {
                    continue;
                }
                RawManifest m = fetched.get(child.digest());
                if (m.isIndex()) {
                    collect(m, fetched, bottomUp, path);
                }
                bottomUp.put(m.digest(), m);
            }
            path.remove(index.digest());
        }

        /** Every distinct blob of the image, all platforms; foreign layers left out. */
        List<ManifestDescriptor> blobs() {
            if (blobs == null) {
                Map<Digest, ManifestDescriptor> unique = new LinkedHashMap<>();
                List<RawManifest> manifests = top().isIndex() ? children() : List.of(top());
                for (RawManifest m : manifests) {
                    // indexes among the children have no blobs of their own: RawManifest.blobs() is empty for them
                    for (ManifestDescriptor b : m.blobs()) {
                        if (b.mustBeCopied()) {
                            unique.putIfAbsent(b.digest(), b);
                        }
                    }
                }
                blobs = List.copyOf(unique.values());
            }
            return blobs;
        }
    }

    private static final class Counters {
        int blobsMounted;
        int blobsCopied;
        int blobsSkipped;
        long bytesCopied;
        int manifestsPushed;
    }
}
