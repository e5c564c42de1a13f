package io.imagepromotion.core.lock;

import io.imagepromotion.core.error.TransportException;
import io.imagepromotion.core.ref.ImageReference;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serialises the writers of one target reference, so that check, write and proof form one critical section per
 * target: in one JVM (every promoter of a CLI process or a Jenkins controller shares one table) and, with a lock
 * directory, across processes on one machine (one {@link FileChannel#lock file lock} per key).
 *
 * <p>Nothing here reaches across machines: two hosts writing one tag are not serialised, which is why a writer still
 * proves its tag after the write. Keys are taken in sorted order, so two writers of overlapping target sets cannot
 * deadlock. A permit rather than a thread-owned lock: Jenkins acquires on one thread and releases on another.
 */
public final class TargetLocks {
    private static final ConcurrentHashMap<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final TargetLocks IN_PROCESS_ONLY = new TargetLocks(true, null);
    private static final TargetLocks DISABLED = new TargetLocks(false, null);

    private final boolean enabled;
    private final Path directory;

    private TargetLocks(boolean enabled, Path directory) {
        this.enabled = enabled;
        this.directory = directory;
    }

    /** Serialises writers inside this JVM only. */
    public static TargetLocks inProcess() {
        return IN_PROCESS_ONLY;
    }

    /** Serialises writers inside this JVM and, through lock files in {@code directory}, across processes on this machine. */
    public static TargetLocks inProcessAndFiles(Path directory) {
        return new TargetLocks(true, Objects.requireNonNull(directory, "directory"));
    }

    /** No serialisation at all: what writers on different machines see. For tests and for callers that opt out. */
    public static TargetLocks disabled() {
        return DISABLED;
    }

    /** {@code $XDG_CACHE_HOME/image-promotion/locks}, else {@code ~/.cache/image-promotion/locks}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("image-promotion").resolve("locks");
    }

    /** The lock key of a target: its API host, repository and tag (or digest), so that aliases of one host agree. */
    public static String key(ImageReference target) {
        return target.apiHost() + "/" + target.repository() + (target.tag() != null ? ":" + target.tag() : "@" + target.digest());
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Takes every key, waiting at most {@code timeout} in all. {@code waiting} hears once per key that another writer
     * holds it, so a caller can say why it pauses.
     *
     * @throws LockTimeoutException when a key stays taken for longer than {@code timeout}; nothing is held then
     */
    public TargetLease acquire(Collection<String> keys, Duration timeout, Consumer<String> waiting) {
        if (!enabled) {
            return new TargetLease(List.of());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TargetLease.Held> held = new ArrayList<>();
        try {
            for (String key : new TreeSet<>(keys)) {
                held.add(acquireOne(key, deadline, waiting));
            }
            return new TargetLease(held);
        } catch (RuntimeException | Error e) {
            new TargetLease(held).close();
            throw e;
        }
    }

    private TargetLease.Held acquireOne(String key, long deadline, Consumer<String> waiting) {
        Semaphore permit = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
        try {
            if (!permit.tryAcquire()) {
                waiting.accept(key);
                if (!permit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new LockTimeoutException(key, "another promotion in this process");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeoutException(key, "interrupted while waiting for another promotion in this process");
        }
        if (directory == null) {
            return new TargetLease.Held(permit, null, null);
        }
        try {
            return lockFile(key, permit, deadline, waiting);
        } catch (RuntimeException | Error e) {
            permit.release();
            throw e;
        }
    }

    private TargetLease.Held lockFile(String key, Semaphore permit, long deadline, Consumer<String> waiting) {
        Path file = directory.resolve(fileName(key));
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            boolean told = false;
            long pause = 2;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    // Who holds it, for a person looking at the directory; never read back.
                    channel.truncate(0).write(java.nio.ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    return new TargetLease.Held(permit, channel, lock);
                }
                if (!told) {
                    waiting.accept(key);
                    told = true;
                }
                if (System.nanoTime() >= deadline) {
                    throw new LockTimeoutException(key, "another process on this machine (lock file " + file + ")");
                }
                Thread.sleep(pause);
                pause = Math.min(50, pause * 2);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new TransportException("cannot use the lock file " + file + " for " + key + ": " + e.getMessage()
                    + "; make the directory writable or choose another one", e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new LockTimeoutException(key, "interrupted while waiting for another process on this machine");
        } catch (RuntimeException | Error e) {
            closeQuietly(channel);
            throw e;
        }
    }

    static String fileName(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash) + ".lock";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }

    static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing more to do
            }
        }
    }
}
