package io.imagepromotion.core.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.json.JsonValue;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.referrers.Descriptor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of a repository's ledger: an OCI image manifest (tagged, so garbage collection keeps it and its blobs)
 * whose layers are the records' statements, oldest first, each descriptor carrying the record's annotations. Its
 * own annotations give its page number and the tag of the page before it.
 *
 * @param previousPage tag of the archived page before this one, {@code null} on the first page
 */
public record LedgerPage(int number, String previousPage, List<Descriptor> entries) {
    private static final JsonFactory JSON = new JsonFactory();

    public LedgerPage {
        entries = List.copyOf(entries);
    }

    static LedgerPage first() {
        return new LedgerPage(1, null, List.of());
    }

    static LedgerPage parse(RawManifest manifest, String where) {
        JsonValue tree;
        try {
            tree = JsonValue.parse(manifest.bytes());
        } catch (IOException e) {
            throw new UnsupportedContentException("ledger page " + where + " is not valid JSON");
        }
        if (!LedgerFormat.LEDGER_ARTIFACT_TYPE.equals(tree.path("artifactType").asText(null))) {
            throw new UnsupportedContentException(where + " is not a ledger page (artifactType "
                    + tree.path("artifactType").asText("none") + "); another tool owns this tag");
        }
        List<Descriptor> entries = new ArrayList<>();
        for (JsonValue layer : tree.path("layers")) {
            entries.add(Descriptor.read(layer, where));
        }
        JsonValue annotations = tree.path("annotations");
        return new LedgerPage((int) annotations.path(LedgerFormat.PAGE).asLong(1),
                annotations.path(LedgerFormat.PREVIOUS_PAGE).asText(null), entries);
    }

    boolean contains(Digest statement) {
        return entries.stream().anyMatch(e -> e.digest().equals(statement));
    }

    LedgerPage plus(Descriptor entry) {
        List<Descriptor> all = new ArrayList<>(entries);
        all.add(entry);
        return new LedgerPage(number, previousPage, all);
    }

    /** The newest entry for a tag on this page. */
    Optional<Descriptor> newestFor(String tag) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (tag.equals(entries.get(i).annotation(LedgerFormat.TAG))) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    RawManifest toManifest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 2);
            g.writeStringField("mediaType", MediaTypes.OCI_MANIFEST);
            g.writeStringField("artifactType", LedgerFormat.LEDGER_ARTIFACT_TYPE);
            g.writeFieldName("config");
            new Descriptor(LedgerFormat.EMPTY_MEDIA_TYPE, LedgerFormat.EMPTY_DIGEST, 2, null, java.util.Map.of()).write(g);
            g.writeArrayFieldStart("layers");
            for (Descriptor d : entries) {
                d.write(g);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("annotations");
            g.writeStringField(LedgerFormat.PAGE, Integer.toString(number));
            if (previousPage != null) {
                g.writeStringField(LedgerFormat.PREVIOUS_PAGE, previousPage);
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RawManifest.of(out.toByteArray(), MediaTypes.OCI_MANIFEST, "ledger page");
    }
}
