package io.imagepromotion.core.promote;

import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;

import java.util.List;

/** Reads a registry's access log after a promotion: the registry's own count of what we sent. */
final class RegistryRequests {
    private RegistryRequests() {
    }

    /**
     * The requests logged since {@code mark}. The registry logs a request when its handler returns, a moment after
     * the client has the answer, so wait until {@code atLeast} lines are there, and a little longer for stragglers.
     */
    static List<AccessLogEntry> since(RegistryServer server, int mark, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<AccessLogEntry> entries = server.accessLogSince(mark);
        while (entries.size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
            entries = server.accessLogSince(mark);
        }
        Thread.sleep(50);
        return server.accessLogSince(mark);
    }

    static long count(List<AccessLogEntry> entries, String method, String pathPart) {
        return entries.stream().filter(e -> e.method().equals(method) && e.pathAndQuery().contains(pathPart)).count();
    }

    static String describe(List<AccessLogEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (AccessLogEntry e : entries) {
            out.append("\n  ").append(e.method()).append(' ').append(e.pathAndQuery()).append(' ').append(e.status());
        }
        return out.toString();
    }
}
