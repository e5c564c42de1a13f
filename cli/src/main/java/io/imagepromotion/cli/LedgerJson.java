package io.imagepromotion.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.HistoryEntry;
import io.imagepromotion.core.ledger.RecordOutcome;
import io.imagepromotion.core.ledger.Rollback;
import io.imagepromotion.core.ledger.SignatureCheck;
import io.imagepromotion.core.ledger.TagHistory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** The JSON contract of {@code history}, {@code status} and {@code rollback --json}, and the records of a copy. */
final class LedgerJson {
    private static final JsonFactory JSON = new JsonFactory();

    private LedgerJson() {
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String object(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result as JSON", e);
        }
        return out.toString();
    }

    /** {@code {tag, current, drift, entries: [...], requests}}. */
    static String history(TagHistory h, int requests) {
        return object(g -> {
            g.writeStringField("tag", h.tag().toString());
            digest(g, "current", h.current());
            g.writeBooleanField("drift", h.drift());
            g.writeArrayFieldStart("entries");
            for (HistoryEntry e : h.entries()) {
                entry(g, e);
            }
            g.writeEndArray();
            g.writeNumberField("requests", requests);
        });
    }

    /** {@code {tags: [{tag, current, lastRecorded, drift, environment, recordedAt, approvals}], drift, requests}}. */
    static String status(List<TagHistory> tags, int requests) {
        return object(g -> {
            g.writeArrayFieldStart("tags");
            for (TagHistory h : tags) {
                HistoryEntry last = h.lastRecord().orElse(null);
                g.writeStartObject();
                g.writeStringField("tag", h.tag().toString());
                digest(g, "current", h.current());
                digest(g, "lastRecorded", last == null ? null : last.digest());
                g.writeBooleanField("drift", h.drift());
                g.writeStringField("environment", last == null ? null : last.environment());
                g.writeStringField("recordedAt", last == null ? null : last.recordedAt().toString());
                approvals(g, last == null ? List.of() : last.approvals());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("drift", tags.stream().anyMatch(TagHistory::drift));
            g.writeNumberField("requests", requests);
        });
    }

    /** {@code {tag, from, to, recorded, records: [...], requests}}. */
    static String rollback(Rollback.Outcome o, int requests) {
        return object(g -> {
            g.writeStringField("tag", o.tag().toString());
            digest(g, "from", o.from());
            digest(g, "to", o.to());
            g.writeBooleanField("changed", o.promotion().changed());
            records(g, o.records());
            g.writeNumberField("requests", requests);
        });
    }

    /** {@code recorded} (all written) and {@code records}: one {@code {target, recorded, alreadyThere, record, statement, reason}} per tag. */
    static void records(JsonGenerator g, List<RecordOutcome> records) throws IOException {
        g.writeBooleanField("recorded", records.stream().allMatch(RecordOutcome::recorded));
        g.writeArrayFieldStart("records");
        for (RecordOutcome r : records) {
            g.writeStartObject();
            g.writeStringField("target", r.target().toString());
            g.writeBooleanField("recorded", r.recorded());
            g.writeBooleanField("alreadyThere", r.alreadyThere());
            digest(g, "record", r.record());
            digest(g, "statement", r.statement());
            g.writeStringField("reason", r.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void entry(JsonGenerator g, HistoryEntry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", e.kind().label());
        digest(g, "digest", e.digest());
        digest(g, "previousDigest", e.previousDigest());
        g.writeStringField("environment", e.environment());
        g.writeStringField("recordedAt", e.recordedAt() == null ? null : e.recordedAt().toString());
        approvals(g, e.approvals());
        g.writeStringField("ciRunUrl", e.ciRunUrl());
        g.writeStringField("source", e.source());
        g.writeStringField("planHash", e.planHash());
        digest(g, "statement", e.statement());
        digest(g, "record", e.record());
        g.writeStringField("signature", signature(e.signature()));
        g.writeEndObject();
    }

    private static void approvals(JsonGenerator g, List<Approval> approvals) throws IOException {
        g.writeArrayFieldStart("approvals");
        for (Approval a : approvals) {
            g.writeStartObject();
            g.writeStringField("userId", a.userId());
            g.writeStringField("approvedAt", a.approvedAt().toString());
            g.writeObjectFieldStart("authority");
            g.writeStringField("kind", a.authority().kind().name().toLowerCase(Locale.ROOT));
            g.writeStringField("rootUrl", a.authority().rootUrl());
            g.writeStringField("run", a.authority().run());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code not-checked}, {@code verified}, {@code unsigned}, {@code bad-signature}. */
    static String signature(SignatureCheck s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void digest(JsonGenerator g, String field, Digest d) throws IOException {
        g.writeStringField(field, d == null ? null : d.toString());
    }
}
