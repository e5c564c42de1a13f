package io.imagepromotion.core.ledger;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.error.NotFoundException;
import io.imagepromotion.core.lock.TargetLease;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.referrers.Descriptor;
import io.imagepromotion.core.referrers.MergingTagWriter;
import io.imagepromotion.core.referrers.ReferrersDiscovery;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.registry.RegistryClient.ManifestHead;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The promotion ledger of the repositories a client reaches: writes a record per promoted target tag and reads a
 * tag's history back. docs/ledger.md gives the format and the requests each operation sends.
 *
 * <p>A record is three things in the target repository: its statement (a blob), a referrer manifest whose
 * {@code subject} is the promoted manifest and whose one layer is that blob (found through the referrers API or the
 * {@code sha256-<hex>} fallback index), and an entry in the repository's ledger page, a tagged manifest listing
 * every statement as a layer. The page is what history reads, and because it is tagged, garbage collection with
 * {@code --delete-untagged} keeps it and every statement, even after the untagged referrer manifests are gone.
 */
public final class PromotionLedger {
    static final int MAX_STATEMENT = 64 * 1024;
    /** How many pages history reads at most looking for a tag's records. */
    static final int MAX_PAGES = 64;

    private final RegistryClient client;
    private final MergingTagWriter writer;
    private final ReferrersDiscovery referrers;
    private final RecordSigner signer;

    public PromotionLedger(RegistryClient client, TargetLocks locks, Duration lockTimeout, RecordSigner signer) {
        this.client = client;
        this.writer = new MergingTagWriter(client, locks, lockTimeout);
        this.referrers = new ReferrersDiscovery(client, writer);
        this.signer = signer;
    }

    public PromotionLedger(RegistryClient client) {
        this(client, TargetLocks.inProcess(), Duration.ofMinutes(2), RecordSigner.UNSIGNED);
    }

    public ReferrersDiscovery referrers() {
        return referrers;
    }

    /** What every record of one promotion shares. */
    public record RecordContext(String environment, List<io.imagepromotion.core.approval.Approval> approvals,
                                String planHash, String ciRunUrl, String toolName, String toolVersion) {
        public RecordContext {
            approvals = List.copyOf(approvals);
        }
    }

    /**
     * One record per target tag of a finished promotion. A failure to write one is reported in its outcome, never
     * thrown: the tag has moved and stays moved.
     */
    public List<RecordOutcome> recordPromotion(PromotionResult result, RecordContext context) {
        return record(result, context, RecordKind.PROMOTION);
    }

    List<RecordOutcome> record(PromotionResult result, RecordContext context, RecordKind kind) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (TargetOutcome target : result.targets()) {
            ImageReference tag = target.reference();
            if (tag.tag() == null) {
                continue; // a digest target has no history to keep
            }
            try {
                outcomes.add(record(tag, result.pinnedSource(), result.digest(), target.previousDigest(), context, kind));
            } catch (RuntimeException e) {
                // Whatever went wrong (registry, lock, signing), the tag has moved: report it, never undo it.
                outcomes.add(RecordOutcome.failed(tag, e instanceof ImagePromotionException ? e.getMessage() : e.toString()));
            }
        }
        return outcomes;
    }

    /** Writes one record for {@code tag}, which now holds {@code digest}. */
    public RecordOutcome record(ImageReference tag, ImageReference source, Digest digest, Digest previousDigest,
                                RecordContext context, RecordKind kind) {
        ImageReference ledgerTag = tag.withTag(LedgerFormat.LEDGER_TAG);
        ManifestHead subject = client.headManifest(tag.withDigest(digest)).orElseThrow(() -> new NotFoundException(
                "the promoted manifest " + digest + " is not in " + tag.name(), 404, List.of(), tag.toString(), "HEAD"));
        String target = tag.toString();
        String planHash = context.planHash() != null ? context.planHash()
                : PromotionRecord.planHash(kind, context.environment(), target, digest);
        Descriptor recordDescriptor;
        Descriptor entry;
        RegistryClient.ManifestPutAnswer answer;
        try (TargetLease ignored = writer.lock(ledgerTag)) {
            Optional<RawManifest> head = client.findManifest(ledgerTag);
            LedgerPage page = head.map(m -> LedgerPage.parse(m, ledgerTag.toString())).orElse(LedgerPage.first());
            Optional<Descriptor> newest = newestFor(page, tag);
            // Deduplicate a re-run that changed nothing; a write that moved the tag is always recorded.
            if (newest.isPresent() && digest.equals(previousDigest) && planHash.equals(newest.get().annotation(LedgerFormat.PLAN_HASH))
                    && digest.toString().equals(newest.get().annotation(LedgerFormat.DIGEST))) {
                return new RecordOutcome(tag, true, true, null, newest.get().digest(),
                        optionalDigest(newest.get().annotation(LedgerFormat.RECORD)));
            }
            PromotionRecord record = new PromotionRecord(kind, context.environment(), target, source.toString(), digest,
                    subject.mediaType(), subject.size(), previousDigest, context.approvals(), planHash, context.ciRunUrl(),
                    context.toolName(), context.toolVersion(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    newest.map(Descriptor::digest).orElse(null));
            RecordSigner.Layer layer = signer.layer(record.toStatement());
            client.ensureBlob(tag, LedgerFormat.EMPTY_CONFIG);
            client.uploadBlob(tag, layer.bytes());
            Digest statement = Digest.sha256(layer.bytes());
            Map<String, String> annotations = annotations(record);
            RawManifest manifest = recordManifest(layer, statement, subject, annotations);
            answer = client.putManifestWithHeaders(tag, manifest.digest().toString(), manifest, Map.of());
            recordDescriptor = new Descriptor(MediaTypes.OCI_MANIFEST, manifest.digest(), manifest.size(),
                    LedgerFormat.RECORD_ARTIFACT_TYPE, annotations);
            Map<String, String> entryAnnotations = new LinkedHashMap<>(annotations);
            entryAnnotations.put(LedgerFormat.RECORD, manifest.digest().toString());
            entry = new Descriptor(layer.mediaType(), statement, layer.bytes().length, null, entryAnnotations);
            appendLocked(ledgerTag, head, page, entry);
        }
        boolean apiIndexes = answer.ociSubject().map(s -> s.trim().equals(digest.toString())).orElse(false);
        referrers.learnFromPut(tag, apiIndexes);
        if (!apiIndexes) {
            referrers.addToFallback(tag, digest, List.of(recordDescriptor));
        }
        return new RecordOutcome(tag, true, false, null, entry.digest(), recordDescriptor.digest());
    }

    /** Adds the entry to the head page; a full page is first archived under its own tag and a new head started. */
    private void appendLocked(ImageReference ledgerTag, Optional<RawManifest> head, LedgerPage page, Descriptor entry) {
        int archived;
        if (page.entries().size() >= LedgerFormat.PAGE_SIZE) {
            client.putManifest(ledgerTag, LedgerFormat.archiveTag(page.number()), head.orElseThrow());
            archived = page.number();
        } else {
            archived = -1;
        }
        writer.mergeLocked(ledgerTag, head, current -> {
            LedgerPage now = current.map(m -> LedgerPage.parse(m, ledgerTag.toString())).orElse(LedgerPage.first());
            if (now.contains(entry.digest())) {
                return Optional.empty();
            }
            if (now.number() == archived) {
                return Optional.of(new LedgerPage(archived + 1, LedgerFormat.archiveTag(archived), List.of(entry)).toManifest());
            }
            return Optional.of(now.plus(entry).toManifest());
        });
    }

    /** The tag's newest entry, on the head page or, after a roll-over, on an earlier one. */
    private Optional<Descriptor> newestFor(LedgerPage head, ImageReference tag) {
        LedgerPage page = head;
        for (int i = 0; i < MAX_PAGES; i++) {
            Optional<Descriptor> found = page.newestFor(tag.tag());
            if (found.isPresent() || page.previousPage() == null) {
                return found;
            }
            Optional<RawManifest> previous = client.findManifest(tag.withTag(page.previousPage()));
            if (previous.isEmpty()) {
                return Optional.empty();
            }
            page = LedgerPage.parse(previous.get(), page.previousPage());
        }
        return Optional.empty();
    }

    private static Map<String, String> annotations(PromotionRecord r) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(LedgerFormat.CREATED, r.recordedAt().toString());
        a.put(LedgerFormat.ENVIRONMENT, r.environment());
        a.put(LedgerFormat.TAG, tagOf(r.target()));
        a.put(LedgerFormat.KIND, r.kind().label());
        a.put(LedgerFormat.DIGEST, r.digest().toString());
        a.put(LedgerFormat.PREVIOUS_DIGEST, r.previousDigest() == null ? "" : r.previousDigest().toString());
        a.put(LedgerFormat.PLAN_HASH, r.planHash());
        a.put(LedgerFormat.PREDECESSOR, r.predecessor() == null ? "" : r.predecessor().toString());
        a.put(LedgerFormat.APPROVED_BY, String.join(",", r.approvals().stream().map(x -> x.userId()).toList()));
        return a;
    }

    private static String tagOf(String target) {
        return ImageReference.parse(target).tag();
    }

    private static RawManifest recordManifest(RecordSigner.Layer layer, Digest statement, ManifestHead subject,
                                              Map<String, String> annotations) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 2);
            g.writeStringField("mediaType", MediaTypes.OCI_MANIFEST);
            g.writeStringField("artifactType", LedgerFormat.RECORD_ARTIFACT_TYPE);
            g.writeFieldName("config");
            new Descriptor(LedgerFormat.EMPTY_MEDIA_TYPE, LedgerFormat.EMPTY_DIGEST, 2, null, Map.of()).write(g);
            g.writeArrayFieldStart("layers");
            new Descriptor(layer.mediaType(), statement, layer.bytes().length, null, Map.of()).write(g);
            g.writeEndArray();
            g.writeFieldName("subject");
            new Descriptor(subject.mediaType(), subject.digest(), subject.size(), null, Map.of()).write(g);
            g.writeObjectFieldStart("annotations");
            for (Map.Entry<String, String> a : annotations.entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RawManifest.of(out.toByteArray(), MediaTypes.OCI_MANIFEST, "promotion record");
    }

    // ---- reading ---------------------------------------------------------------------------------------------------

    /**
     * The tag's history, newest first, at most {@code limit} records with the hand moves between them. Reads the
     * tag (HEAD), the ledger pages until {@code limit + 1} records of the tag are found, and each record's statement.
     */
    public TagHistory history(ImageReference tag, int limit, RecordVerifier verifier) {
        Digest current = client.headManifest(tag).map(ManifestHead::digest).orElse(null);
        List<Descriptor> found = entriesFor(tag, limit + 1);
        List<HistoryEntry> records = new ArrayList<>();
        for (Descriptor entry : found) {
            records.add(read(tag, entry, verifier));
        }
        List<HistoryEntry> out = new ArrayList<>();
        if (!records.isEmpty() && !records.get(0).digest().equals(current)) {
            out.add(HistoryEntry.handMove(records.get(0).digest(), current));
        }
        for (int i = 0; i < Math.min(limit, records.size()); i++) {
            HistoryEntry r = records.get(i);
            out.add(r);
            if (i + 1 < records.size()) {
                Digest before = records.get(i + 1).digest();
                if (!before.equals(r.previousDigest())) {
                    out.add(HistoryEntry.handMove(before, r.previousDigest()));
                }
            }
        }
        return new TagHistory(tag, current, out);
    }

    public TagHistory history(ImageReference tag, int limit) {
        return history(tag, limit, RecordVerifier.NONE);
    }

    /**
     * What {@code promote status} shows: the tag's current digest and its last record alone (preceded by a hand move
     * when the tag holds something else, so {@link TagHistory#drift()} tells). One HEAD, the ledger pages up to the
     * tag's newest entry (one on a repository whose head page holds it), one statement blob.
     */
    public TagHistory status(ImageReference tag) {
        Digest current = client.headManifest(tag).map(ManifestHead::digest).orElse(null);
        List<HistoryEntry> out = new ArrayList<>();
        for (Descriptor entry : entriesFor(tag, 1)) {
            HistoryEntry last = read(tag, entry, RecordVerifier.NONE);
            if (!last.digest().equals(current)) {
                out.add(HistoryEntry.handMove(last.digest(), current));
            }
            out.add(last);
        }
        return new TagHistory(tag, current, out);
    }

    /** The tag's ledger entries, newest first, walking back through archived pages. */
    private List<Descriptor> entriesFor(ImageReference tag, int wanted) {
        List<Descriptor> out = new ArrayList<>();
        ImageReference pageTag = tag.withTag(LedgerFormat.LEDGER_TAG);
        for (int i = 0; i < MAX_PAGES && pageTag != null && out.size() < wanted; i++) {
            Optional<RawManifest> manifest = client.findManifest(pageTag);
            if (manifest.isEmpty()) {
                break;
            }
            LedgerPage page = LedgerPage.parse(manifest.get(), pageTag.toString());
            List<Descriptor> entries = page.entries();
            for (int j = entries.size() - 1; j >= 0 && out.size() < wanted; j--) {
                if (tag.tag().equals(entries.get(j).annotation(LedgerFormat.TAG))) {
                    out.add(entries.get(j));
                }
            }
            pageTag = page.previousPage() == null ? null : tag.withTag(page.previousPage());
        }
        return out;
    }

    private HistoryEntry read(ImageReference tag, Descriptor entry, RecordVerifier verifier) {
        byte[] layer = client.getBlob(tag, entry.digest(), MAX_STATEMENT);
        RecordVerifier.Checked checked = verifier.check(entry.mediaType(), layer, tag + " record " + entry.digest());
        PromotionRecord r = PromotionRecord.fromStatement(checked.statement(), entry.digest().toString());
        return new HistoryEntry(r.kind(), r.digest(), r.previousDigest(), r.environment(), r.recordedAt(), r.approvals(),
                r.ciRunUrl(), r.source(), r.planHash(), entry.digest(), optionalDigest(entry.annotation(LedgerFormat.RECORD)),
                checked.result());
    }

    private static Digest optionalDigest(String s) {
        return s == null || s.isEmpty() ? null : Digest.parse(s);
    }
}
