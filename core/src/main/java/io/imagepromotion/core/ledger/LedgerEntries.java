package io.imagepromotion.core.ledger;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.referrers.Descriptor;
import io.imagepromotion.core.registry.RegistryClient;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger entries of several tags of one repository, read from its pages alone: one GET per page, however many
 * tags and records, and no record opened. An entry's annotations repeat its record's kind, digests, time and
 * approvers, which is what an overview needs; {@link #open} reads one record's statement for the rest (CI run,
 * approval times, signature).
 */
public final class LedgerEntries {
    /**
     * One ledger entry as its page's annotations give it.
     *
     * @param previousDigest what the tag held before, {@code null} when it did not exist
     * @param recordedAt     {@code null} when the annotation is missing or unreadable
     * @param statement      digest of the record's statement blob
     * @param record         digest of the record's referrer manifest, {@code null} when the entry does not name it
     */
    public record Entry(String tag, RecordKind kind, String environment, Digest digest, Digest previousDigest,
                        Instant recordedAt, List<String> approvedBy, Digest statement, String mediaType, Digest record) {
        public Entry {
            approvedBy = List.copyOf(approvedBy);
        }
    }

    private LedgerEntries() {
    }

    /**
     * Each tag's newest {@code perTag} entries, newest first, from the repository's head page back through archived
     * pages until every tag has them or the pages end ({@link PromotionLedger#MAX_PAGES} at most).
     */
    public static Map<String, List<Entry>> newestFirst(RegistryClient client, ImageReference repository,
                                                       Collection<String> tags, int perTag) {
        Map<String, List<Entry>> out = new LinkedHashMap<>();
        for (String tag : tags) {
            out.put(tag, new ArrayList<>());
        }
        ImageReference pageTag = repository.withTag(LedgerFormat.LEDGER_TAG);
        for (int i = 0; i < PromotionLedger.MAX_PAGES && pageTag != null && !allFull(out, perTag); i++) {
            Optional<RawManifest> manifest = client.findManifest(pageTag);
            if (manifest.isEmpty()) {
                break;
            }
            LedgerPage page = LedgerPage.parse(manifest.get(), pageTag.toString());
            List<Descriptor> entries = page.entries();
            for (int j = entries.size() - 1; j >= 0; j--) {
                Descriptor d = entries.get(j);
                List<Entry> forTag = out.get(d.annotation(LedgerFormat.TAG));
                if (forTag != null && forTag.size() < perTag) {
                    forTag.add(entry(d));
                }
            }
            pageTag = page.previousPage() == null ? null : repository.withTag(page.previousPage());
        }
        Map<String, List<Entry>> frozen = new LinkedHashMap<>();
        out.forEach((tag, list) -> frozen.put(tag, List.copyOf(list)));
        return frozen;
    }

    /** The entry's full record (one blob GET), its signature checked by {@code verifier}. */
    public static HistoryEntry open(RegistryClient client, ImageReference repository, Entry entry, RecordVerifier verifier) {
        byte[] layer = client.getBlob(repository, entry.statement(), PromotionLedger.MAX_STATEMENT);
        RecordVerifier.Checked checked = verifier.check(entry.mediaType(), layer,
                repository.withTag(entry.tag()) + " record " + entry.statement());
        PromotionRecord r = PromotionRecord.fromStatement(checked.statement(), entry.statement().toString());
        return new HistoryEntry(r.kind(), r.digest(), r.previousDigest(), r.environment(), r.recordedAt(), r.approvals(),
                r.ciRunUrl(), r.source(), r.planHash(), entry.statement(), entry.record(), checked.result());
    }

    private static boolean allFull(Map<String, List<Entry>> out, int perTag) {
        return out.values().stream().allMatch(l -> l.size() >= perTag);
    }

    private static Entry entry(Descriptor d) {
        String approvers = d.annotation(LedgerFormat.APPROVED_BY);
        List<String> approvedBy = approvers == null || approvers.isEmpty() ? List.of() : Arrays.asList(approvers.split(","));
        return new Entry(d.annotation(LedgerFormat.TAG), RecordKind.parse(nullToEmpty(d.annotation(LedgerFormat.KIND))),
                nullToEmpty(d.annotation(LedgerFormat.ENVIRONMENT)),
                Digest.parse(nullToEmpty(d.annotation(LedgerFormat.DIGEST))), optionalDigest(d.annotation(LedgerFormat.PREVIOUS_DIGEST)),
                instant(d.annotation(LedgerFormat.CREATED)), approvedBy, d.digest(), d.mediaType(),
                optionalDigest(d.annotation(LedgerFormat.RECORD)));
    }

    private static Digest optionalDigest(String s) {
        return s == null || s.isEmpty() ? null : Digest.parse(s);
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
