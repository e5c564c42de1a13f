package net.sf.json;

/**
 * Compile-only stand-in for {@code jenkinsci/json-lib@HEAD:src/main/java/net/sf/json/JSONObject.java}.
 * Only {@link #has(String)}; omitted: {@code extends AbstractJSON implements JSON, Map, Comparable} and all other
 * members.
 */
public final class JSONObject {
    private JSONObject() {
    }

    public boolean has(String key) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
