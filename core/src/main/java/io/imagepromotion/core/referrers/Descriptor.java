package io.imagepromotion.core.referrers;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.json.JsonValue;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI descriptor as referrers lists and ledger pages hold it (image-spec {@code descriptor.md}): what it points
 * at, and the {@code artifactType} and annotations copied from the referrer so that a listing needs no fetch.
 *
 * @param artifactType {@code null} when the descriptor has none
 * @param annotations  in the order they were written; empty when none
 */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType, Map<String, String> annotations) {
    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public String annotation(String key) {
        return annotations.get(key);
    }

    /** Reads one descriptor of a manifest, index or referrers answer. */
    public static Descriptor read(JsonValue node, String where) {
        Digest digest;
        try {
            digest = Digest.parse(node.path("digest").asText(""));
        } catch (InvalidInputException e) {
            throw new UnsupportedContentException(where + " has a descriptor with an invalid digest: " + e.getMessage());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").fields().forEach((k, v) -> annotations.put(k, v.asText()));
        return new Descriptor(node.path("mediaType").asText(""), digest, node.path("size").asLong(0),
                node.path("artifactType").asText(null), annotations);
    }

    /** Writes the descriptor as one JSON object: mediaType, digest, size, artifactType, annotations. */
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("mediaType", mediaType);
        g.writeStringField("digest", digest.toString());
        g.writeNumberField("size", size);
        if (artifactType != null) {
            g.writeStringField("artifactType", artifactType);
        }
        if (!annotations.isEmpty()) {
            g.writeObjectFieldStart("annotations");
            for (Map.Entry<String, String> a : annotations.entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
