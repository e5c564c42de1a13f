package io.imagepromotion.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only JSON value, parsed with jackson-core's streaming parser. The engine reads only small documents
 * (manifests, token answers, error bodies, docker config files); databind's object mapper would load ~300 classes
 * and cost a fresh CLI process 30 ms or more to set up. Reading follows Jackson's {@code JsonNode} conventions, so
 * callers treat absent and null alike: {@link #path} of anything missing is {@link #MISSING}, whose text is the
 * default. Duplicate keys: the last one wins, as with databind's default and Go's encoding/json.
 */
public final class JsonValue implements Iterable<JsonValue> {
    /** What {@link #path} returns for a field that is not there. */
    public static final JsonValue MISSING = new JsonValue(Kind.MISSING, null);
    private static final JsonValue NULL = new JsonValue(Kind.NULL, null);
    private static final JsonValue TRUE = new JsonValue(Kind.BOOLEAN, "true");
    private static final JsonValue FALSE = new JsonValue(Kind.BOOLEAN, "false");
    private static final JsonFactory FACTORY = new JsonFactory();

    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, MISSING }

    private final Kind kind;
    /** Map for objects, List for arrays, the text for scalars. */
    private final Object content;

    private JsonValue(Kind kind, Object content) {
        this.kind = kind;
        this.content = content;
    }

    /**
     * Parses one JSON document; {@link #MISSING} for empty input.
     *
     * @throws IOException when the bytes are not one well-formed JSON value (jackson-core's
     *                     {@code JsonProcessingException}, whose message names the position)
     */
    public static JsonValue parse(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return MISSING;
            }
            JsonValue value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "trailing content after the JSON value");
            }
            return value;
        }
    }

    // Recursion depth is bounded by jackson-core's StreamReadConstraints (nesting depth 1000 by default).
    private static JsonValue read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, JsonValue> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    fields.put(name, read(parser, parser.nextToken()));
                }
                return new JsonValue(Kind.OBJECT, Collections.unmodifiableMap(fields));
            }
            case START_ARRAY -> {
                List<JsonValue> items = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    items.add(read(parser, next));
                }
                return new JsonValue(Kind.ARRAY, Collections.unmodifiableList(items));
            }
            case VALUE_STRING -> {
                return new JsonValue(Kind.STRING, parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonValue(Kind.NUMBER, parser.getText());
            }
            case VALUE_TRUE -> {
                return TRUE;
            }
            case VALUE_FALSE -> {
                return FALSE;
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    public Kind kind() {
        return kind;
    }

    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /** The field's value; {@link #MISSING} when this is no object or has no such field. */
    public JsonValue path(String field) {
        JsonValue value = fields().get(field);
        return value == null ? MISSING : value;
    }

    public boolean has(String field) {
        return fields().containsKey(field);
    }

    public boolean hasNonNull(String field) {
        JsonValue value = fields().get(field);
        return value != null && value.kind != Kind.NULL;
    }

    /** An object's fields in document order; empty for anything else. */
    @SuppressWarnings("unchecked")
    public Map<String, JsonValue> fields() {
        return kind == Kind.OBJECT ? (Map<String, JsonValue>) content : Map.of();
    }

    /** A scalar's text (numbers as written, booleans as true/false); "" for objects and arrays; {@code def} for null or missing. */
    public String asText(String def) {
        return switch (kind) {
            case NULL, MISSING -> def;
            case OBJECT, ARRAY -> "";
            default -> (String) content;
        };
    }

    public String asText() {
        return asText("");
    }

    /** A number (fractions truncated), a numeric string or a boolean (1/0) as a long; {@code def} otherwise. */
    public long asLong(long def) {
        try {
            return switch (kind) {
                case NUMBER -> {
                    String text = (String) content;
                    yield text.contains(".") || text.contains("e") || text.contains("E")
                            ? (long) Double.parseDouble(text) : Long.parseLong(text);
                }
                case STRING -> Long.parseLong(((String) content).trim());
                case BOOLEAN -> this == TRUE ? 1 : 0;
                default -> def;
            };
        } catch (NumberFormatException e) {
            return def;
        }
    }

    public int asInt() {
        return (int) asLong(0);
    }

    /** An array's items, or an object's values, in order; nothing for scalars. */
    @Override
    @SuppressWarnings("unchecked")
    public Iterator<JsonValue> iterator() {
        return switch (kind) {
            case ARRAY -> ((List<JsonValue>) content).iterator();
            case OBJECT -> ((Map<String, JsonValue>) content).values().iterator();
            default -> Collections.emptyIterator();
        };
    }

    @Override
    public String toString() {
        return kind + (content instanceof String s ? " " + s : "");
    }
}
