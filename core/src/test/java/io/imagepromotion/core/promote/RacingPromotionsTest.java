package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.PreconditionFailedException;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.LayoutUploader;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sixteen promotions race to move one tag with {@code --expect-current A}, each from its own image, each with its own
 * promoter (its own connections), all started at once against a real registry.
 *
 * <p>With the shared in-JVM lock exactly one wins. With the lock off, as writers on several machines are, the test
 * counts false successes (a writer that reported success although the tag no longer holds its digest once every writer
 * has finished) without and with the read-back; docs/reliability.md quotes the figures these rounds print.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RacingPromotionsTest {
    static final int WRITERS = 16;
    static final String REPOSITORY = "race/app";
    RegistryServer registry;
    TestImage base;
    List<TestImage> candidates = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);

    /** One round: who reported success, who lost the race after writing, who failed the check before writing. */
    record Round(List<Digest> successes, int lostRaces, int refusedBeforeWrite, List<Throwable> otherFailures, Digest finalDigest) {
        long falseSuccesses() {
            return successes.stream().filter(d -> !d.equals(finalDigest)).count();
        }

        @Override
        public String toString() {
            return "successes " + successes.size() + " (false " + falseSuccesses() + "), lost races " + lostRaces
                    + ", refused before the write " + refusedBeforeWrite + ", other failures " + otherFailures;
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        LayoutUploader upload = LayoutUploader.forRegistry(registry, null, null);
        base = TestImages.oci(dir.resolve("base"), 1, 1024, 400);
        upload.push(base, REPOSITORY, base.digest());
        for (int i = 0; i < WRITERS; i++) {
            TestImage image = TestImages.oci(dir.resolve("b" + i), 1, 1024, 401 + i);
            upload.push(image, REPOSITORY, image.digest());
            candidates.add(image);
        }
    }

    @AfterAll
    void stop() {
        pool.shutdownNow();
        registry.close();
    }

    private ImageReference ref(String suffix) {
        return ImageReference.parse(registry.host() + "/" + REPOSITORY + suffix);
    }

    private Round race(String tag, TagWritePolicy policy) throws Exception {
        try (ImagePromoter seed = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
            seed.promote(PromotionRequest.builder(ref("@" + base.digest())).target(ref(":" + tag)).build());
        }
        Digest expected = Digest.parse(base.digest());
        CountDownLatch ready = new CountDownLatch(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PromotionResult>> results = new ArrayList<>();
        for (TestImage image : candidates) {
            results.add(pool.submit(() -> {
                try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT, policy)) {
                    PromotionRequest request = PromotionRequest.builder(ref("@" + image.digest())).target(ref(":" + tag))
                            .expectCurrent(expected).build();
                    ready.countDown();
                    go.await();
                    return promoter.promote(request);
                }
            }));
        }
        ready.await();
        go.countDown();
        List<Digest> successes = new ArrayList<>();
        int lost = 0;
        int refused = 0;
        List<Throwable> other = new ArrayList<>();
        for (Future<PromotionResult> f : results) {
            try {
                successes.add(f.get().digest());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof PreconditionFailedException p) {
                    if (p.lostRace()) {
                        lost++;
                    } else {
                        refused++;
                    }
                } else {
                    other.add(e.getCause());
                }
            }
        }
        Digest now = Digest.parse(registry.tagDigestOnDisk(REPOSITORY, tag).orElseThrow());
        return new Round(successes, lost, refused, other, now);
    }

    private static boolean registryError(Throwable t) {
        return t instanceof io.imagepromotion.core.error.RegistryException e && e.status() == 500;
    }

    @Test
    void inOneJvmTheLockLetsExactlyOneOfSixteenWin() throws Exception {
        for (int round = 1; round <= 3; round++) {
            Round r = race("locked-" + round, TagWritePolicy.defaults());
            System.out.println("RACE lock=in-process readBack=on round " + round + ": " + r);
            assertEquals(List.of(), r.otherFailures());
            assertEquals(1, r.successes().size(), r.toString());
            assertEquals(r.finalDigest(), r.successes().get(0), "the tag holds the winner's digest");
            assertEquals(WRITERS - 1, r.refusedBeforeWrite(), "the others saw the winner's digest, not A, and wrote nothing");
            assertEquals(0, r.lostRaces());
        }
    }

    /**
     * Lock off, as on several machines: each mode races in every round, interleaved so that the machine's load is
     * shared alike. {@code race.rounds} and {@code race.settleMs} (comma-separated) widen the measurement.
     */
    @Test
    void withoutTheLockTheReadBackCatchesTheOverwrittenWriters() throws Exception {
        int rounds = Integer.getInteger("race.rounds", 5);
        List<String> modes = new ArrayList<>(List.of("off"));
        modes.addAll(List.of(System.getProperty("race.settleMs", "0," + TagWritePolicy.DEFAULT_SETTLE_DELAY.toMillis()).split(",")));
        java.util.Map<String, long[]> totals = new java.util.LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String mode : modes) {
                TagWritePolicy.Builder policy = TagWritePolicy.builder().locks(TargetLocks.disabled());
                if (mode.equals("off")) {
                    policy.proveByReadBack(false);
                } else {
                    policy.settleDelay(java.time.Duration.ofMillis(Long.parseLong(mode)));
                }
                Round r = race("unlocked-" + mode + "-" + round, policy.build());
                System.out.println("RACE lock=off readBack=" + (mode.equals("off") ? "off" : "on settle=" + mode + "ms")
                        + " round " + round + ": " + r);
                // distribution 2.8.2 itself sometimes answers 500 to a read of a tag being rewritten: an honest
                // failure (exit 1), never a success, so it is counted, not forbidden.
                assertTrue(r.otherFailures().stream().allMatch(RacingPromotionsTest::registryError), r.toString());
                if (!mode.equals("off")) {
                    // Every success was read back at its own digest; nobody may claim the final digest but its writer.
                    assertTrue(r.successes().stream().filter(d -> d.equals(r.finalDigest())).count() <= 1, r.toString());
                }
                long[] t = totals.computeIfAbsent(mode, m -> new long[4]);
                t[0] += r.successes().size();
                t[1] += r.falseSuccesses();
                t[2] += r.lostRaces();
                t[3] += r.otherFailures().size();
            }
        }
        totals.forEach((mode, t) -> System.out.println("RACE totals, " + rounds + " rounds of " + WRITERS
                + " writers, lock off, read-back " + (mode.equals("off") ? "off" : "on, settle " + mode + " ms") + ": "
                + t[0] + " successes, " + t[1] + " false, " + t[2] + " lost races reported, " + t[3] + " registry errors (HTTP 500)"));
        long[] without = totals.get("off");
        long[] withDefault = totals.get(String.valueOf(TagWritePolicy.DEFAULT_SETTLE_DELAY.toMillis()));
        // Neither figure is zero in every run (docs/reliability.md): a writer whose check-to-PUT gap outlasts another's
        // PUT, settle delay and HEAD slips through, which only a registry's conditional PUT can stop. What is asserted
        // is what every measured run showed: the read-back reports lost races and never adds false successes.
        assertTrue(withDefault[2] > 0, "the read-back caught no overwritten writer in " + rounds + " rounds");
        assertTrue(withDefault[1] <= without[1], "false successes with the read-back " + withDefault[1]
                + ", without " + without[1]);
    }
}
