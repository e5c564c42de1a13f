package io.imagepromotion.core.referrers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.json.JsonValue;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image index a referrers answer or a referrers fallback tag holds (distribution-spec 1.1 "Listing Referrers",
 * "Referrers Tag Schema"): one descriptor per manifest whose {@code subject} is the digest. Merging is a union by
 * digest that keeps the order entries were added in, so concurrent writers' entries all survive a re-merge.
 */
public record ReferrersIndex(List<Descriptor> manifests) {
    private static final JsonFactory JSON = new JsonFactory();

    public ReferrersIndex {
        manifests = List.copyOf(manifests);
    }

    public static ReferrersIndex empty() {
        return new ReferrersIndex(List.of());
    }

    /** Reads an index; anything that is not an image index is refused, as the spec requires of a fallback tag. */
    public static ReferrersIndex parse(byte[] bytes, String where) {
        JsonValue tree;
        try {
            tree = JsonValue.parse(bytes);
        } catch (IOException e) {
            throw new UnsupportedContentException(where + " is not valid JSON");
        }
        String mediaType = tree.path("mediaType").asText(MediaTypes.OCI_INDEX);
        if (!MediaTypes.OCI_INDEX.equals(mediaType) || !tree.path("manifests").isArray() && tree.has("manifests")) {
            throw new UnsupportedContentException(where + " holds " + mediaType + ", not an OCI image index; it is no referrers index");
        }
        List<Descriptor> out = new ArrayList<>();
        for (JsonValue m : tree.path("manifests")) {
            out.add(Descriptor.read(m, where));
        }
        return new ReferrersIndex(out);
    }

    public boolean contains(Digest digest) {
        return manifests.stream().anyMatch(d -> d.digest().equals(digest));
    }

    /** This index plus every entry of {@code added} it lacks (by digest), in order. */
    public ReferrersIndex union(List<Descriptor> added) {
        Map<Digest, Descriptor> all = new LinkedHashMap<>();
        manifests.forEach(d -> all.put(d.digest(), d));
        added.forEach(d -> all.putIfAbsent(d.digest(), d));
        return new ReferrersIndex(new ArrayList<>(all.values()));
    }

    /** Keeps only the entries {@code keep} accepts. */
    public ReferrersIndex filter(java.util.function.Predicate<Descriptor> keep) {
        return new ReferrersIndex(manifests.stream().filter(keep).toList());
    }

    public RawManifest toManifest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 2);
            g.writeStringField("mediaType", MediaTypes.OCI_INDEX);
            g.writeArrayFieldStart("manifests");
            for (Descriptor d : manifests) {
                d.write(g);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RawManifest.of(out.toByteArray(), MediaTypes.OCI_INDEX, "referrers index");
    }
}
