package io.imagepromotion.bench;

import io.imagepromotion.testkit.AccessLogEntry;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The requests one promotion made, as the registries logged them. */
record RequestCount(int total, Map<String, Integer> byKind) {
    RequestCount {
        byKind = Map.copyOf(byKind);
    }

    static RequestCount of(List<AccessLogEntry> entries) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (AccessLogEntry e : entries) {
            kinds.merge(kind(e), 1, Integer::sum);
        }
        return new RequestCount(entries.size(), kinds);
    }

    /** "HEAD manifest", "POST mount 201", "GET blob", ...: enough to explain a count. */
    private static String kind(AccessLogEntry e) {
        String path = e.path();
        String what;
        if (path.equals("/v2/") || path.equals("/v2")) {
            what = "ping";
        } else if (path.contains("/manifests/")) {
            what = "manifest";
        } else if (path.contains("/blobs/uploads")) {
            what = e.pathAndQuery().contains("mount=") ? "mount" : "upload";
        } else if (path.contains("/blobs/")) {
            what = "blob";
        } else {
            what = "other";
        }
        return e.method() + " " + what + " " + e.status();
    }

    /** e.g. "GET blob 200 ×11, POST upload 202 ×11, ..." sorted by kind. */
    String describe() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(byKind).forEach((k, n) -> out.append(out.length() == 0 ? "" : ", ").append(k).append(" ×").append(n));
        return out.toString();
    }
}
