package io.imagepromotion.bench;

import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The two plain-HTTP docker-registry processes: the source registry (which also serves the retag and cross-repository
 * targets) and the target registry, which is restarted with empty storage before every cross-registry run.
 */
final class RegistryPair implements AutoCloseable {
    private static final long QUIET_NANOS = 60_000_000L;
    private static final long SETTLE_LIMIT_NANOS = 5_000_000_000L;

    private final Path sourceDir;
    private final Path targetDir;
    private RegistryServer source;
    private RegistryServer target;
    private final AccessLogTail sourceLog;
    private final AccessLogTail targetLog;

    RegistryPair(Path workDir) throws IOException {
        this.sourceDir = workDir.resolve("registry-source");
        this.targetDir = workDir.resolve("registry-target");
        deleteTree(sourceDir);
        deleteTree(targetDir);
        this.source = RegistryServer.startPlain(sourceDir);
        this.target = RegistryServer.startPlain(targetDir);
        this.sourceLog = new AccessLogTail(source.accessLogFile());
        this.targetLog = new AccessLogTail(target.accessLogFile());
    }

    RegistryServer source() {
        return source;
    }

    RegistryServer target() {
        return target;
    }

    /** Stops the target registry, wipes its storage and starts it again: an empty registry (new port). */
    void restartTargetEmpty() throws IOException {
        target.close();
        deleteTree(targetDir.resolve("storage"));
        target = RegistryServer.startPlain(targetDir);
        targetLog.restarted();
    }

    /** Waits until both logs are quiet and forgets what was logged so far: the next promotion starts counting here. */
    void mark() {
        settle();
    }

    /** Requests logged on both registries since {@link #mark()}, once the logs have been quiet for a moment. */
    List<AccessLogEntry> settle() {
        List<AccessLogEntry> all = new ArrayList<>();
        long start = System.nanoTime();
        long lastNew = start;
        while (true) {
            List<AccessLogEntry> fresh = new ArrayList<>(sourceLog.readNew());
            fresh.addAll(targetLog.readNew());
            long now = System.nanoTime();
            if (!fresh.isEmpty()) {
                all.addAll(fresh);
                lastNew = now;
            } else if (now - lastNew >= QUIET_NANOS || now - start > SETTLE_LIMIT_NANOS) {
                return all;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return all;
            }
        }
    }

    @Override
    public void close() {
        source.close();
        target.close();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
