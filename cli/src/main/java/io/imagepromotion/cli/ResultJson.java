package io.imagepromotion.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.error.PreconditionFailedException;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON contract of {@code promote copy --json}; scripts rely on these field names. Written with jackson-core's
 * generator: databind's object mapper would cost the short-lived CLI ~30 ms to set up for one small object.
 */
final class ResultJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ResultJson() {
    }

    static String write(PromotionResult r) {
        return write(r, null, 0);
    }

    /**
     * With the ledger's part: {@code recorded} (null when no record was asked for, else whether every target's record
     * was written), {@code records} (one per target tag) and {@code ledgerRequests} (registry requests the records took).
     */
    static String write(PromotionResult r, java.util.List<io.imagepromotion.core.ledger.RecordOutcome> records, int ledgerRequests) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("source", r.source().toString());
            g.writeStringField("digest", r.digest().toString());
            g.writeStringField("mediaType", r.mediaType());
            g.writeArrayFieldStart("targets");
            for (TargetOutcome t : r.targets()) {
                g.writeStartObject();
                g.writeStringField("reference", t.reference().toString());
                g.writeStringField("previousDigest", t.previousDigest() == null ? null : t.previousDigest().toString());
                g.writeBooleanField("changed", t.changed());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("changed", r.changed());
            g.writeNumberField("blobsMounted", r.blobsMounted());
            g.writeNumberField("blobsCopied", r.blobsCopied());
            g.writeNumberField("blobsSkipped", r.blobsSkipped());
            g.writeNumberField("bytesCopied", r.bytesCopied());
            g.writeNumberField("manifestsPushed", r.manifestsPushed());
            g.writeNumberField("requests", r.requests());
            g.writeBooleanField("dryRun", r.dryRun());
            g.writeObjectFieldStart("referrers");
            g.writeBooleanField("enabled", r.referrers().enabled());
            g.writeArrayFieldStart("found");
            for (var key : r.referrers().found()) {
                g.writeString(key.toString());
            }
            g.writeEndArray();
            g.writeNumberField("manifestsPushed", r.referrers().manifestsPushed());
            g.writeNumberField("indexesMerged", r.referrers().indexesMerged());
            g.writeEndObject();
            if (records == null) {
                g.writeNullField("recorded");
                g.writeArrayFieldStart("records");
                g.writeEndArray();
            } else {
                LedgerJson.records(g, records);
            }
            g.writeNumberField("ledgerRequests", ledgerRequests);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result as JSON", e);
        }
        return out.toString();
    }

    /**
     * A failed copy: {@code error} (the message), {@code kind}, {@code exitCode}, {@code lostRace} (true when the tag
     * was written and then found overwritten by a concurrent writer), and for a failed precondition {@code target},
     * {@code expected} and {@code actual} (the digest the target holds now, null when absent).
     */
    static String writeError(Exception e, int exitCode) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", e instanceof ImagePromotionException ? e.getMessage() : e.toString());
            g.writeStringField("kind", e instanceof ImagePromotionException p ? p.kind().name() : "FAILURE");
            g.writeNumberField("exitCode", exitCode);
            boolean lostRace = e instanceof PreconditionFailedException p && p.lostRace();
            g.writeBooleanField("lostRace", lostRace);
            if (e instanceof PreconditionFailedException p) {
                g.writeStringField("target", p.target());
                g.writeStringField("expected", p.expected());
                g.writeStringField("actual", p.actual());
            }
            if (e instanceof io.imagepromotion.core.ledger.NoEarlierPromotionException n) {
                g.writeStringField("target", n.tag());
            }
            if (e instanceof io.imagepromotion.core.referrers.MissingReferrersException m) {
                g.writeStringField("target", m.target());
                g.writeArrayFieldStart("missingReferrers");
                for (String missing : m.missing()) {
                    g.writeString(missing);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException io) {
            throw new UncheckedIOException("writing the error as JSON", io);
        }
        return out.toString();
    }
}
