package io.imagepromotion.core.json;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonValueTest {
    private static JsonValue parse(String json) throws IOException {
        return JsonValue.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nestedObjectsAndArraysAreReadInDocumentOrder() throws IOException {
        JsonValue v = parse("{\"b\":1,\"a\":{\"x\":[\"p\",\"q\",{\"r\":true}]},\"c\":null}");
        assertTrue(v.isObject());
        assertEquals(List.of("b", "a", "c"), new ArrayList<>(v.fields().keySet()));
        List<String> items = new ArrayList<>();
        for (JsonValue item : v.path("a").path("x")) {
            items.add(item.isObject() ? "object" : item.asText());
        }
        assertEquals(List.of("p", "q", "object"), items);
        assertEquals(1, v.path("b").asLong(-1));
    }

    @Test
    void missingAndNullFieldsGiveTheDefaultText() throws IOException {
        JsonValue v = parse("{\"n\":null,\"s\":\"text\"}");
        assertNull(v.path("absent").asText(null));
        assertNull(v.path("n").asText(null));
        assertEquals("text", v.path("s").asText(null));
        assertSame(JsonValue.MISSING, v.path("absent").path("deeper"));
        assertTrue(v.has("n"));
        assertFalse(v.hasNonNull("n"));
        assertTrue(v.hasNonNull("s"));
        assertFalse(v.has("absent"));
    }

    @Test
    void containersReadAsEmptyText() throws IOException {
        JsonValue v = parse("{\"o\":{},\"a\":[]}");
        assertEquals("", v.path("o").asText("default"));
        assertEquals("", v.path("a").asText("default"));
    }

    @Test
    void numbersReadAsLongsFromNumbersNumericStringsAndBooleans() throws IOException {
        JsonValue v = parse("{\"i\":5242880,\"f\":3.9,\"s\":\" 42 \",\"t\":true,\"bad\":\"x\",\"huge\":123456789012345678901234567890}");
        assertEquals(5242880, v.path("i").asLong(-1));
        assertEquals("5242880", v.path("i").asText());
        assertEquals(3, v.path("f").asLong(-1));
        assertEquals(42, v.path("s").asLong(-1));
        assertEquals(1, v.path("t").asLong(-1));
        assertEquals(-1, v.path("bad").asLong(-1));
        assertEquals(-1, v.path("huge").asLong(-1), "out of range is not silently wrapped");
        assertEquals(-1, v.path("absent").asLong(-1));
        assertEquals(2, parse("{\"schemaVersion\":2}").path("schemaVersion").asInt());
    }

    @Test
    void theLastOfDuplicateKeysWins() throws IOException {
        assertEquals("second", parse("{\"k\":\"first\",\"k\":\"second\"}").path("k").asText());
    }

    @Test
    void emptyInputIsMissingNotAnError() throws IOException {
        assertSame(JsonValue.MISSING, JsonValue.parse(new byte[0]));
        assertFalse(JsonValue.parse(new byte[0]).isObject());
    }

    @Test
    void malformedOrTrailingContentIsRejected() {
        assertThrows(IOException.class, () -> parse("{\"a\":"));
        assertThrows(IOException.class, () -> parse("{\"a\":1} {\"b\":2}"));
        assertThrows(IOException.class, () -> parse("<html>proxy error</html>"));
    }

    @Test
    void nestingBeyondTheParsersLimitIsRejectedNotAStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThrows(IOException.class, () -> parse(deep));
    }

    @Test
    void scalarsHaveNoFieldsAndNoItems() throws IOException {
        JsonValue s = parse("\"just a string\"");
        assertFalse(s.isObject());
        assertTrue(s.fields().isEmpty());
        assertFalse(s.iterator().hasNext());
        assertSame(JsonValue.MISSING, s.path("x"));
    }
}
