package io.imagepromotion.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result as JSON", e);
        }
        return out.toString();
    }
}
