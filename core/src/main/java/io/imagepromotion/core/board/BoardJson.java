package io.imagepromotion.core.board;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.HistoryEntry;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;

/** The board as one JSON object, for scripts: the same facts as {@link BoardHtml}, no presentation. */
public final class BoardJson {
    private static final JsonFactory JSON = new JsonFactory();

    private BoardJson() {
    }

    public static String write(Board board) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("readAt", board.readAt().toString());
            g.writeArrayFieldStart("lanes");
            for (Lane lane : board.lanes()) {
                lane(g, lane);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("digests");
            for (DigestPlacement p : board.digests()) {
                g.writeStartObject();
                g.writeStringField("digest", p.digest().toString());
                g.writeArrayFieldStart("heldBy");
                for (int i : p.lanes()) {
                    g.writeString(board.lanes().get(i).tag().toString());
                }
                g.writeEndArray();
                g.writeBooleanField("waiting", p.waiting());
                g.writeStringField("waitingFor", p.waiting() ? board.lanes().get(p.waitingFor()).tag().toString() : null);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void lane(JsonGenerator g, Lane lane) throws IOException {
        g.writeStartObject();
        g.writeStringField("tag", lane.tag().toString());
        g.writeStringField("environment", lane.environment());
        g.writeStringField("current", string(lane.current()));
        g.writeStringField("state", lane.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        g.writeStringField("since", string(lane.since()));
        if (lane.there() == null) {
            g.writeNullField("secondsThere");
        } else {
            g.writeNumberField("secondsThere", lane.there().getSeconds());
        }
        HistoryEntry r = lane.lastRecord();
        if (r == null) {
            g.writeNullField("lastRecord");
        } else {
            g.writeObjectFieldStart("lastRecord");
            g.writeStringField("kind", r.kind().label());
            g.writeStringField("digest", string(r.digest()));
            g.writeStringField("recordedAt", string(r.recordedAt()));
            g.writeArrayFieldStart("approvals");
            for (Approval a : r.approvals()) {
                g.writeStartObject();
                g.writeStringField("userId", a.userId());
                g.writeStringField("approvedAt", a.approvedAt().toString());
                g.writeBooleanField("authenticated", a.vouched());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("ciRunUrl", r.ciRunUrl());
            g.writeStringField("source", r.source());
            g.writeStringField("statement", string(r.statement()));
            g.writeStringField("signature", r.signature().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            g.writeEndObject();
        }
        g.writeArrayFieldStart("events");
        for (LaneEvent e : lane.events()) {
            g.writeStartObject();
            g.writeStringField("kind", e.kind().label());
            g.writeStringField("digest", string(e.digest()));
            g.writeStringField("previousDigest", string(e.previousDigest()));
            g.writeStringField("recordedAt", string(e.recordedAt()));
            g.writeArrayFieldStart("approvedBy");
            for (String user : e.approvedBy()) {
                g.writeString(user);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String string(Digest d) {
        return d == null ? null : d.toString();
    }

    private static String string(Instant t) {
        return t == null ? null : t.toString();
    }
}
