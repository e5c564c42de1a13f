package io.imagepromotion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagepromotion.testkit.LayoutUploader;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code kill -9} of {@code bin/promote} (its JVM) in the middle of a cross-registry copy of an index of 5 platforms
 * with 2 layers of 10 MiB each (10 layers, 100 MiB), 20 times at seeded random points of five phases, and the source
 * or the target registry killed mid-copy. A {@link HoldingProxy} in front of the target holds the copy at the chosen
 * point, so each kill lands exactly there. After each kill the target tag must be untouched or at the full source
 * digest, and a re-run must finish, reusing exactly the blobs that had arrived. docs/reliability.md quotes the
 * printed {@code CRASH} lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CrashSafetyIT {
    static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64/v8", "linux/s390x", "linux/ppc64le",
            "linux/riscv64");
    static final int LAYER_SIZE = 10 * 1024 * 1024;
    static final String SOURCE_REPOSITORY = "crash/app";
    static final String TAG = "prod";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIGKILL_EXIT = 128 + 9;

    private final Path launcher = Path.of(System.getProperty("promote.launcher", "../bin/promote")).toAbsolutePath().normalize();
    private final long seed = Long.getLong("crash.seed", 20261207L);
    RegistryServer source;
    RegistryServer target;
    TestImage image;
    TestImage old;
    long totalBytes;
    Path work;
    Path home;
    int runs;
    int childManifestsLetThrough;

    enum Phase {
        BEFORE_FIRST_BLOB("before the first blob", 3),
        MID_BLOB("mid-blob", 7),
        BETWEEN_CHILD_MANIFESTS("between child manifests", 4),
        BEFORE_THE_TAG("right before the tag", 3),
        AFTER_THE_TAG("after the tag write, before its read-back", 3);

        final String label;
        final int rounds;

        Phase(String label, int rounds) {
            this.label = label;
            this.rounds = rounds;
        }
    }

    record Exit(int code, String stdout, String stderr, JsonNode json) {
    }

    /** What had reached the target repository when the copy was killed. */
    record Arrived(int blobs, long bytes, int children) {
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        work = dir;
        source = RegistryServer.startPlain(dir.resolve("source"));
        target = RegistryServer.startPlain(dir.resolve("target"));
        image = TestImages.ociIndex(dir.resolve("image"), PLATFORMS, 2, LAYER_SIZE, 1101);
        old = TestImages.oci(dir.resolve("old"), 1, 4096, 1102);
        LayoutUploader.forRegistry(source, null, null).push(image, SOURCE_REPOSITORY, "1.0");
        totalBytes = image.blobBytes();
        home = Files.createDirectories(dir.resolve("home"));
        assertEquals(15, image.blobDigests().size(), "10 layers and 5 configs");
    }

    @AfterAll
    void stop() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    private String sourceRef() {
        return source.host() + "/" + SOURCE_REPOSITORY + ":1.0";
    }

    @Test
    @Order(1)
    void aCopyKilledAtAnyPointLeavesTheTagUntouchedOrCompleteAndARerunReusesWhatArrived() throws Exception {
        Random random = new Random(seed);
        List<Phase> rounds = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            rounds.addAll(Collections.nCopies(phase.rounds, phase));
        }
        Collections.shuffle(rounds, random);
        System.out.println("CRASH seed " + seed + ", image " + image.digest() + ": " + PLATFORMS.size() + " platforms, "
                + image.blobDigests().size() + " blobs, " + totalBytes + " bytes");
        Map<Phase, List<String>> figures = new EnumMap<>(Phase.class);
        int damaged = 0;
        for (int i = 1; i <= rounds.size(); i++) {
            Phase phase = rounds.get(i - 1);
            String repository = "crash/r" + i;
            if (random.nextBoolean()) {
                LayoutUploader.forRegistry(target, null, null).push(old, repository, TAG);
            }
            String before = tagOnDisk(repository);
            try (HoldingProxy proxy = new HoldingProxy(target.port())) {
                String armed = arm(proxy, phase, random);
                int mark = target.accessLogMark();
                Process copy = launch(proxy.host() + "/" + repository + ":" + TAG);
                String heldAt = awaitHeld(proxy.held(), copy);
                if (phase == Phase.BETWEEN_CHILD_MANIFESTS) {
                    awaitChildManifestsStored(mark, childManifestsLetThrough);
                }
                settle(target);
                int exit = killMinus9(copy);
                // Dropped before the release, so that nothing held reaches the registry after the kill.
                proxy.dropConnections();
                proxy.release();
                settle(target);

                String afterKill = tagOnDisk(repository);
                boolean untouched = java.util.Objects.equals(before, afterKill);
                boolean complete = image.digest().equals(afterKill) && imageComplete(repository);
                if (!untouched && !complete) {
                    damaged++;
                }
                assertTrue(untouched || complete, "round " + i + " (" + phase.label + "): tag " + TAG + " was " + before
                        + " and is " + afterKill + " after the kill");
                assertEquals(phase == Phase.AFTER_THE_TAG ? image.digest() : before, afterKill,
                        "round " + i + ": the kill came " + phase.label);
                Arrived arrived = arrived(repository);
                switch (phase) {
                    case BEFORE_FIRST_BLOB -> assertEquals(new Arrived(0, 0, 0), arrived);
                    case BETWEEN_CHILD_MANIFESTS -> assertEquals(childManifestsLetThrough, arrived.children());
                    case BEFORE_THE_TAG, AFTER_THE_TAG -> assertEquals(new Arrived(image.blobDigests().size(), totalBytes,
                            PLATFORMS.size()), arrived);
                    default -> { }
                }

                Exit rerun = finish(launch(proxy.host() + "/" + repository + ":" + TAG), 120);
                assertEquals(0, rerun.code(), "round " + i + " re-run: " + rerun.stderr());
                JsonNode json = rerun.json();
                assertEquals(image.digest(), json.path("digest").asText());
                assertEquals(Optional.of(image.digest()), Optional.ofNullable(tagOnDisk(repository)));
                assertEquals(List.of(), proxy.problems);
                String reuse;
                if (phase == Phase.AFTER_THE_TAG) {
                    assertFalse(json.path("changed").asBoolean(true), json.toString());
                    assertEquals(0, json.path("bytesCopied").asLong(-1), json.toString());
                    assertEquals(0, json.path("manifestsPushed").asInt(-1), json.toString());
                    reuse = "already at the digest: nothing copied, " + json.path("requests").asInt() + " requests";
                } else {
                    assertEquals(arrived.blobs(), json.path("blobsSkipped").asInt(), "round " + i + ": " + json);
                    assertEquals(image.blobDigests().size() - arrived.blobs(), json.path("blobsCopied").asInt(), json.toString());
                    assertEquals(totalBytes - arrived.bytes(), json.path("bytesCopied").asLong(), json.toString());
                    assertEquals(before, json.path("targets").get(0).path("previousDigest").textValue(), json.toString());
                    reuse = "blobsSkipped " + json.path("blobsSkipped").asInt() + ", blobsCopied " + json.path("blobsCopied").asInt()
                            + ", bytesCopied " + mib(json.path("bytesCopied").asLong()) + " of " + mib(totalBytes);
                }
                String line = String.format("CRASH round %02d/%d %s (%s; held at %s): kill -9 -> exit %d; tag %s before %s,"
                                + " after the kill %s; arrived %d/%d blobs (%s), %d/%d child manifests; re-run exit %d: %s",
                        i, rounds.size(), phase.label, armed, heldAt, exit, TAG, shortDigest(before), shortDigest(afterKill),
                        arrived.blobs(), image.blobDigests().size(), mib(arrived.bytes()), arrived.children(),
                        PLATFORMS.size(), rerun.code(), reuse);
                System.out.println(line);
                figures.computeIfAbsent(phase, p -> new ArrayList<>()).add(arrived.blobs() + " blobs/" + mib(arrived.bytes())
                        + " arrived, re-run copied " + mib(json.path("bytesCopied").asLong()));
            }
        }
        figures.forEach((phase, list) -> System.out.println("CRASH phase " + phase.label + ": " + list.size() + " kills; "
                + String.join("; ", list)));
        System.out.println("CRASH totals: " + rounds.size() + " kills, target damaged " + damaged + ", re-runs exit 0: "
                + rounds.size() + "/" + rounds.size());
        assertEquals(0, damaged);
    }

    @Test
    @Order(2)
    void theTargetRegistryKilledMidCopyFailsTheCopyAndLeavesTheTagUntouched() throws Exception {
        String repository = "crash/target-killed";
        LayoutUploader.forRegistry(target, null, null).push(old, repository, TAG);
        // Past the first wave of four layers, so that some have arrived for the re-run to reuse.
        long holdAt = totalBytes * 6 / 10;
        Exit failed;
        String proxyHost;
        try (HoldingProxy proxy = new HoldingProxy(target.port())) {
            proxyHost = proxy.host();
            proxy.holdUploadsAfter(holdAt);
            Process copy = launch(proxy.host() + "/" + repository + ":" + TAG);
            awaitHeld(proxy.held(), copy);
            target.kill();
            // The registry's front goes with it: new connections are refused, as at a dead registry's port.
            proxy.close();
            failed = finish(copy, 120);
        }
        assertEquals(SIGKILL_EXIT, target.exitValue());
        System.out.println("CRASH target registry killed after " + mib(holdAt) + " uploaded: exit " + failed.code()
                + ", stderr: " + lastLine(failed.stderr()));
        assertEquals(1, failed.code(), failed.stderr());
        assertTrue(failed.stderr().contains("cannot reach registry " + proxyHost), failed.stderr());
        assertEquals(1, failed.json().path("exitCode").asInt(), failed.stdout());

        target = target.restart();
        assertEquals(old.digest(), tagOnDisk(repository), "the tag is untouched on disk");
        assertEquals(old.digest(), Skopeo.forRegistry(target).digest(target.host() + "/" + repository + ":" + TAG),
                "and the restarted registry serves it");
        Arrived arrived = arrived(repository);
        Exit rerun = finish(launch(target.host() + "/" + repository + ":" + TAG), 120);
        assertEquals(0, rerun.code(), rerun.stderr());
        assertEquals(arrived.blobs(), rerun.json().path("blobsSkipped").asInt(), rerun.stdout());
        assertEquals(totalBytes - arrived.bytes(), rerun.json().path("bytesCopied").asLong(), rerun.stdout());
        assertEquals(image.digest(), tagOnDisk(repository));
        System.out.println("CRASH target registry restarted on its storage: tag " + TAG + " still " + shortDigest(old.digest())
                + "; " + arrived.blobs() + " blobs (" + mib(arrived.bytes()) + ") had arrived; re-run exit 0, blobsSkipped "
                + rerun.json().path("blobsSkipped").asInt() + ", bytesCopied " + mib(rerun.json().path("bytesCopied").asLong()));
    }

    @Test
    @Order(3)
    void theSourceRegistryKilledMidCopyFailsTheCopyAndLeavesTheTagUntouched() throws Exception {
        String repository = "crash/source-killed";
        LayoutUploader.forRegistry(target, null, null).push(old, repository, TAG);
        long holdAt = totalBytes * 3 / 10;
        String sourceHost = source.host();
        Exit failed;
        try (HoldingProxy proxy = new HoldingProxy(target.port())) {
            proxy.holdUploadsAfter(holdAt);
            Process copy = launch(proxy.host() + "/" + repository + ":" + TAG);
            awaitHeld(proxy.held(), copy);
            source.kill();
            proxy.release(); // the copy goes on, and finds its source gone
            failed = finish(copy, 120);
            proxy.dropConnections();
        }
        settle(target);
        System.out.println("CRASH source registry killed after " + mib(holdAt) + " uploaded: exit " + failed.code()
                + ", stderr: " + lastLine(failed.stderr()));
        assertEquals(SIGKILL_EXIT, source.exitValue());
        assertEquals(1, failed.code(), failed.stderr());
        assertTrue(failed.stderr().contains("cannot reach registry " + sourceHost), failed.stderr());
        assertEquals(old.digest(), tagOnDisk(repository), "the tag is untouched");

        source = source.restart();
        Arrived arrived = arrived(repository);
        Exit rerun = finish(launch(target.host() + "/" + repository + ":" + TAG), 120);
        assertEquals(0, rerun.code(), rerun.stderr());
        assertEquals(arrived.blobs(), rerun.json().path("blobsSkipped").asInt(), rerun.stdout());
        assertEquals(totalBytes - arrived.bytes(), rerun.json().path("bytesCopied").asLong(), rerun.stdout());
        assertEquals(image.digest(), tagOnDisk(repository));
        System.out.println("CRASH source registry restarted: tag " + TAG + " was still " + shortDigest(old.digest()) + "; "
                + arrived.blobs() + " blobs (" + mib(arrived.bytes()) + ") had arrived; re-run exit 0, blobsSkipped "
                + rerun.json().path("blobsSkipped").asInt() + ", bytesCopied " + mib(rerun.json().path("bytesCopied").asLong()));
    }

    /** Sets the proxy's hold for the phase; returns what was chosen. */
    private String arm(HoldingProxy proxy, Phase phase, Random random) {
        switch (phase) {
            case BEFORE_FIRST_BLOB -> {
                proxy.hold(new HoldingProxy.HeadRule("POST", p -> p.contains("/blobs/uploads/"), 0));
                return "hold the first blob request";
            }
            case MID_BLOB -> {
                long at = (long) (totalBytes * (0.05 + 0.9 * random.nextDouble()));
                proxy.holdUploadsAfter(at);
                return "hold the uploads after " + mib(at);
            }
            case BETWEEN_CHILD_MANIFESTS -> {
                childManifestsLetThrough = 1 + random.nextInt(PLATFORMS.size() - 1);
                proxy.hold(new HoldingProxy.HeadRule("PUT", p -> p.contains("/manifests/sha256:"), childManifestsLetThrough));
                return "let " + childManifestsLetThrough + " of " + PLATFORMS.size() + " child manifests through";
            }
            case BEFORE_THE_TAG -> {
                proxy.hold(new HoldingProxy.HeadRule("PUT", p -> p.endsWith("/manifests/" + TAG), 0));
                return "hold the tag PUT";
            }
            case AFTER_THE_TAG -> {
                // The first HEAD of the tag reads where it is before anything is written; the second is the read-back.
                proxy.hold(new HoldingProxy.HeadRule("HEAD", p -> p.endsWith("/manifests/" + TAG), 1));
                return "hold the read-back HEAD";
            }
            default -> throw new IllegalArgumentException(phase.name());
        }
    }

    private Process launch(String targetRef) throws IOException {
        int n = ++runs;
        List<String> command = List.of(launcher.toString(), "copy", "--json", "--lock-timeout", "10s", sourceRef(), targetRef);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(work.resolve("run-" + n + ".out").toFile())
                .redirectError(work.resolve("run-" + n + ".err").toFile());
        builder.environment().keySet().removeAll(List.of("XDG_CACHE_HOME", "DOCKER_CONFIG", "PROMOTE_JAVA_OPTS",
                "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        builder.environment().put("HOME", home.toString());
        // Without a class-data archive to record, bin/promote execs java: the process is the JVM itself.
        builder.environment().put("PROMOTE_CDS", "off");
        Process process = builder.start();
        outputs.put(process, n);
        return process;
    }

    private final Map<Process, Integer> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    private Exit finish(Process process, int seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("bin/promote did not finish within " + seconds + " s: " + read(process, ".err"));
        }
        String out = read(process, ".out").trim();
        return new Exit(process.exitValue(), out, read(process, ".err"), out.startsWith("{") ? JSON.readTree(out) : null);
    }

    private String read(Process process, String suffix) {
        try {
            return Files.readString(work.resolve("run-" + outputs.get(process) + suffix), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String awaitHeld(CompletableFuture<String> held, Process copy) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!held.isDone()) {
            if (!copy.isAlive()) {
                fail("bin/promote exited " + copy.exitValue() + " before reaching the hold: " + read(copy, ".err"));
            }
            if (System.nanoTime() > deadline) {
                copy.destroyForcibly();
                fail("the copy never reached the hold: " + read(copy, ".err"));
            }
            Thread.sleep(5);
        }
        return held.get();
    }

    /** SIGKILL to the JVM running the CLI; returns its exit status (137). */
    private int killMinus9(Process copy) throws InterruptedException {
        String command = copy.info().command().orElse("");
        assertTrue(command.endsWith("/java"), "the process is the JVM itself: " + command);
        copy.destroyForcibly(); // SIGKILL on Linux
        assertTrue(copy.waitFor(10, TimeUnit.SECONDS), "the killed process is gone");
        assertEquals(SIGKILL_EXIT, copy.exitValue(), "killed by SIGKILL");
        return copy.exitValue();
    }

    private void awaitChildManifestsStored(int mark, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (target.accessLogSince(mark).stream().filter(e -> e.method().equals("PUT") && e.status() == 201
                && e.path().contains("/manifests/sha256:")).count() < count) {
            if (System.nanoTime() > deadline) {
                fail("the " + count + " child manifests let through were not stored");
            }
            Thread.sleep(5);
        }
    }

    /** Waits until the registry has logged nothing new for 300 ms: every request it was still handling has ended. */
    private static void settle(RegistryServer registry) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int mark = registry.accessLogMark();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            int now = registry.accessLogMark();
            if (now != mark) {
                mark = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(300)) {
                return;
            }
        }
    }

    private String tagOnDisk(String repository) {
        return target.tagDigestOnDisk(repository, TAG).orElse(null);
    }

    private boolean imageComplete(String repository) {
        return target.hasManifestRevision(repository, image.digest())
                && image.childManifestDigests().stream().allMatch(d -> target.hasManifestRevision(repository, d))
                && image.blobDigests().stream().allMatch(d -> target.hasBlobLinked(repository, d));
    }

    private Arrived arrived(String repository) throws IOException {
        int blobs = 0;
        long bytes = 0;
        for (String digest : image.blobDigests()) {
            if (target.hasBlobLinked(repository, digest)) {
                blobs++;
                bytes += Files.size(image.blobPath(digest));
            }
        }
        int children = (int) image.childManifestDigests().stream().filter(d -> target.hasManifestRevision(repository, d)).count();
        return new Arrived(blobs, bytes, children);
    }

    private static String shortDigest(String digest) {
        return digest == null ? "absent" : digest.substring(0, "sha256:".length() + 12);
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
