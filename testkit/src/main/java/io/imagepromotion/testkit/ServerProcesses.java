package io.imagepromotion.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The long-running processes the testkit starts (docker-registry, podman system service): stopped gently on close,
 * and killed when the JVM exits, so none outlives a test run that forgot or failed to close it.
 */
final class ServerProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "testkit-process-reaper"));
    }

    private ServerProcesses() {
    }

    /** Registers a just-started process for the exit-time reaper; returns it. */
    static Process track(Process process) {
        LIVE.add(process);
        return process;
    }

    /** SIGKILL at once, then up to 5 s for the process to be gone; the reaper forgets it either way. */
    static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(process);
        }
    }

    /** SIGTERM, up to 10 s to finish, then SIGKILL (and up to 5 s more); the reaper forgets it either way. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(process);
        }
    }
}
