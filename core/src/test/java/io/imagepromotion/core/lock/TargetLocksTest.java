package io.imagepromotion.core.lock;

import io.imagepromotion.core.ref.ImageReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TargetLocksTest {
    private static final Duration SHORT = Duration.ofMillis(200);

    private static String uniqueKey() {
        return "127.0.0.1:5000/app:" + UUID.randomUUID();
    }

    @Test
    void keyNamesHostRepositoryAndTagSoThatAliasesOfDockerHubAgree() {
        assertEquals(TargetLocks.key(ImageReference.parse("alpine:3")), TargetLocks.key(ImageReference.parse("docker.io/library/alpine:3")));
        assertEquals("127.0.0.1:5000/team/app:prod", TargetLocks.key(ImageReference.parse("127.0.0.1:5000/team/app:prod")));
    }

    @Test
    void onlyOneHolderAtATimeInOneJvm() throws Exception {
        String key = uniqueKey();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                all.add(pool.submit(() -> {
                    start.await();
                    try (TargetLease lease = TargetLocks.inProcess().acquire(List.of(key), Duration.ofSeconds(20), k -> { })) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(5);
                        inside.decrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, most.get());
    }

    @Test
    void aTimedOutAcquireHoldsNothingOfTheKeysItAlreadyTook() {
        String first = "a-" + uniqueKey();
        String second = "b-" + uniqueKey();
        try (TargetLease other = TargetLocks.inProcess().acquire(List.of(second), SHORT, k -> { })) {
            List<String> waitedFor = new ArrayList<>();
            LockTimeoutException e = assertThrows(LockTimeoutException.class,
                    () -> TargetLocks.inProcess().acquire(List.of(first, second), SHORT, waitedFor::add));
            assertEquals(second, e.key());
            assertEquals(List.of(second), waitedFor);
        }
        // The first key, taken before the timeout on the second, was given back: it is free at once.
        try (TargetLease lease = TargetLocks.inProcess().acquire(List.of(first), Duration.ZERO, k -> { })) {
            assertEquals(1, lease.size());
        }
    }

    @Test
    void closingALeaseTwiceReleasesItOnce() {
        String key = uniqueKey();
        TargetLease lease = TargetLocks.inProcess().acquire(List.of(key), SHORT, k -> { });
        lease.close();
        lease.close();
        TargetLease again = TargetLocks.inProcess().acquire(List.of(key), SHORT, k -> { });
        assertThrows(LockTimeoutException.class, () -> TargetLocks.inProcess().acquire(List.of(key), SHORT, k -> { }));
        again.close();
    }

    @Test
    void disabledLocksNeverWait() {
        String key = uniqueKey();
        try (TargetLease held = TargetLocks.inProcess().acquire(List.of(key), SHORT, k -> { });
             TargetLease none = TargetLocks.disabled().acquire(List.of(key), Duration.ZERO, k -> { })) {
            assertEquals(0, none.size());
        }
    }

    @Test
    void aLockFileHeldByAnotherProcessMakesThisOneWaitAndItsKillFreesIt(@TempDir Path dir) throws Exception {
        String key = uniqueKey();
        Process holder = startHolder(dir, key);
        try {
            List<String> waitedFor = new ArrayList<>();
            assertThrows(LockTimeoutException.class,
                    () -> TargetLocks.inProcessAndFiles(dir).acquire(List.of(key), SHORT, waitedFor::add));
            assertEquals(List.of(key), waitedFor);
            // kill -9: the operating system drops a dead process's file locks, so a crashed promotion blocks nobody.
            holder.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            try (TargetLease lease = TargetLocks.inProcessAndFiles(dir).acquire(List.of(key), Duration.ofSeconds(10), k -> { })) {
                assertEquals(1, lease.size());
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    private static Process startHolder(Path dir, String key) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                LockHolderProbe.class.getName(), dir.toString(), key).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("held 1"), "the holder process did not take the lock: " + line);
        return p;
    }
}
