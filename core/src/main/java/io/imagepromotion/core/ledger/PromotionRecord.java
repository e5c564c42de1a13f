package io.imagepromotion.core.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one promotion (or rollback) of one target tag did, as the ledger stores it: the predicate of an in-toto
 * Statement v1 whose subject is the promoted digest. Holds references, digests, user ids and URLs only: nothing the
 * registry credentials consist of ever reaches it.
 *
 * @param target         the tag that was moved, {@code registry/repository:tag}
 * @param source         what was promoted, pinned: {@code registry/repository@digest}
 * @param mediaType      media type of the promoted manifest (the record's {@code subject})
 * @param size           size of the promoted manifest
 * @param previousDigest what the tag held before, {@code null} when it did not exist
 * @param planHash       {@code sha256:} of the approved plan ({@link #planHash})
 * @param ciRunUrl       the CI run that promoted, {@code null} when unknown
 * @param predecessor    digest of the statement of the tag's previous record, {@code null} for the first
 */
public record PromotionRecord(RecordKind kind, String environment, String target, String source, Digest digest,
                              String mediaType, long size, Digest previousDigest, List<Approval> approvals,
                              String planHash, String ciRunUrl, String toolName, String toolVersion, Instant recordedAt,
                              Digest predecessor) {
    private static final JsonFactory JSON = new JsonFactory();

    public PromotionRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(recordedAt, "recordedAt");
        approvals = List.copyOf(approvals);
    }

    /**
     * The plan hash when the caller has none from an approval gate: {@code sha256:} over what was decided, the kind,
     * environment, target tag and digest, each on its own line. A re-run of the same promotion hashes the same.
     */
    public static String planHash(RecordKind kind, String environment, String target, Digest digest) {
        String plan = kind.label() + "\n" + environment + "\n" + target + "\n" + digest + "\n";
        return Digest.sha256(plan.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public PromotionRecord withPredecessor(Digest newPredecessor) {
        return new PromotionRecord(kind, environment, target, source, digest, mediaType, size, previousDigest, approvals,
                planHash, ciRunUrl, toolName, toolVersion, recordedAt, newPredecessor);
    }

    /** The in-toto Statement v1, as the bytes of the record's layer. */
    public byte[] toStatement() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("_type", LedgerFormat.STATEMENT_TYPE);
            g.writeArrayFieldStart("subject");
            g.writeStartObject();
            g.writeStringField("name", target);
            g.writeObjectFieldStart("digest");
            g.writeStringField(digest.algorithm(), digest.hex());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("predicateType", LedgerFormat.PREDICATE_TYPE);
            g.writeObjectFieldStart("predicate");
            g.writeStringField("kind", kind.label());
            g.writeStringField("environment", environment);
            g.writeStringField("target", target);
            g.writeStringField("source", source);
            g.writeStringField("digest", digest.toString());
            g.writeStringField("mediaType", mediaType);
            g.writeNumberField("size", size);
            g.writeStringField("previousDigest", previousDigest == null ? null : previousDigest.toString());
            g.writeArrayFieldStart("approvals");
            for (Approval a : approvals) {
                g.writeStartObject();
                g.writeStringField("userId", a.userId());
                g.writeStringField("approvedAt", a.approvedAt().toString());
                g.writeObjectFieldStart("authority");
                g.writeStringField("kind", a.authority().kind().name().toLowerCase(Locale.ROOT));
                if (a.authority().rootUrl() != null) {
                    g.writeStringField("rootUrl", a.authority().rootUrl());
                }
                if (a.authority().run() != null) {
                    g.writeStringField("run", a.authority().run());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("planHash", planHash);
            g.writeStringField("ciRunUrl", ciRunUrl);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", toolName);
            g.writeStringField("version", toolVersion);
            g.writeEndObject();
            g.writeStringField("recordedAt", recordedAt.toString());
            g.writeStringField("predecessor", predecessor == null ? null : predecessor.toString());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a statement this class wrote; refuses another predicate type or a subject that is not the digest. */
    public static PromotionRecord fromStatement(byte[] statement, String where) {
        JsonValue tree;
        try {
            tree = JsonValue.parse(statement);
        } catch (IOException e) {
            throw new UnsupportedContentException("record " + where + " is not valid JSON");
        }
        if (!LedgerFormat.STATEMENT_TYPE.equals(tree.path("_type").asText(null))
                || !LedgerFormat.PREDICATE_TYPE.equals(tree.path("predicateType").asText(null))) {
            throw new UnsupportedContentException("record " + where + " is no " + LedgerFormat.PREDICATE_TYPE + " statement");
        }
        JsonValue p = tree.path("predicate");
        Digest digest = Digest.parse(p.path("digest").asText(""));
        boolean subjectMatches = false;
        for (JsonValue s : tree.path("subject")) {
            subjectMatches |= digest.hex().equals(s.path("digest").path(digest.algorithm()).asText(null));
        }
        if (!subjectMatches) {
            throw new UnsupportedContentException("record " + where + " names " + digest + " but its statement's subject is another digest");
        }
        List<Approval> approvals = new ArrayList<>();
        for (JsonValue a : p.path("approvals")) {
            JsonValue auth = a.path("authority");
            ApprovalAuthority authority = "jenkins".equals(auth.path("kind").asText(""))
                    ? ApprovalAuthority.jenkins(auth.path("rootUrl").asText(null), auth.path("run").asText(null))
                    : ApprovalAuthority.asserted();
            approvals.add(new Approval(a.path("userId").asText(), Instant.parse(a.path("approvedAt").asText()), authority));
        }
        return new PromotionRecord(RecordKind.parse(p.path("kind").asText("")), p.path("environment").asText(""),
                p.path("target").asText(""), p.path("source").asText(null), digest, p.path("mediaType").asText(null),
                p.path("size").asLong(0), optionalDigest(p.path("previousDigest")), approvals,
                p.path("planHash").asText(null), p.path("ciRunUrl").asText(null), p.path("tool").path("name").asText(null),
                p.path("tool").path("version").asText(null), Instant.parse(p.path("recordedAt").asText()),
                optionalDigest(p.path("predecessor")));
    }

    private static Digest optionalDigest(JsonValue v) {
        String s = v.asText(null);
        return s == null || s.isEmpty() ? null : Digest.parse(s);
    }
}
