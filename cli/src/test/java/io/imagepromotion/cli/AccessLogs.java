package io.imagepromotion.cli;

import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;

import java.util.List;
import java.util.Set;

/** Reading a registry's access log after a CLI run. */
final class AccessLogs {
    static final Set<String> WRITE_METHODS = Set.of("PUT", "POST", "PATCH", "DELETE");

    private AccessLogs() {
    }

    /**
     * Entries since {@code mark}, waiting briefly until at least {@code atLeast} are there: the registry writes a
     * line when its handler finishes, which can be a moment after the client has its answer.
     */
    static List<AccessLogEntry> since(RegistryServer registry, int mark, int atLeast) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        List<AccessLogEntry> entries = registry.accessLogSince(mark);
        while (entries.size() < atLeast && System.nanoTime() < deadline) {
            sleep(10);
            entries = registry.accessLogSince(mark);
        }
        sleep(50); // and nothing more arrives
        return registry.accessLogSince(mark);
    }

    static List<AccessLogEntry> writes(List<AccessLogEntry> entries) {
        return entries.stream().filter(e -> WRITE_METHODS.contains(e.method())).toList();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
