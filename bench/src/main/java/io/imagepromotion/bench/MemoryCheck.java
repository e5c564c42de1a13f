package io.imagepromotion.bench;

import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issue's memory target: a 1 GiB image (16 random 64 MiB layers, written to disk as a stream) copied across
 * registries by {@code bin/promote} with {@code -Xmx64m}; success, digest and peak RSS (from {@code /usr/bin/time -v}).
 * skopeo copies the same image for comparison; a second, smaller heap shows the margin.
 */
final class MemoryCheck {
    private static final int LAYER_SIZE = 64 * 1024 * 1024;
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    /** One copy: who, with which heap, whether it worked, how long, peak RSS, requests. */
    record Run(String who, String heap, boolean succeeded, double seconds, long peakRssKib, int requests, String note) {
    }

    private final BenchOptions options;
    private final PromoteLauncher launcher;
    private final PrintStream log;
    final List<Run> runs = new ArrayList<>();
    long imageBytes;
    int imageBlobs;
    double generationSeconds;
    String skopeoIsolation;
    String loadAverageAfter = "?";

    MemoryCheck(BenchOptions options, PromoteLauncher launcher, PrintStream log) {
        this.options = options;
        this.launcher = launcher;
        this.log = log;
    }

    void run() throws IOException {
        if (!Files.isExecutable(TIME)) {
            throw new IllegalStateException("/usr/bin/time is missing: apt-get install -y time");
        }
        Path work = options.workDir().resolve("memory");
        RegistryPair.deleteTree(work);
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        TestImage image = TestImages.oci(work.resolve("image"), options.memoryLayers(), LAYER_SIZE, 699);
        generationSeconds = (System.nanoTime() - t0) / 1e9;
        imageBytes = image.blobBytes();
        imageBlobs = image.blobDigests().size();
        log.printf("memory check: generated %.1f MiB in %d blobs in %.1f s%n", imageBytes / 1048576.0, imageBlobs, generationSeconds);
        try (RegistryPair registries = new RegistryPair(work)) {
            Skopeo.forRegistry(registries.source()).push(image, registries.source().host() + "/dev/huge:v1");
            String source = registries.source().host() + "/dev/huge@" + image.digest();
            SkopeoRunner skopeo = new SkopeoRunner(work);
            skopeoIsolation = skopeo.isolation();
            if (launcher.archives().isEmpty()) {
                // Memory mode alone: the untimed first run that makes bin/promote's CDS archive, as in the main run.
                launcher.copy(source, registries.target().host() + "/warm/huge:v1", PromoteLauncher.Cds.SHIPPED, "");
            }
            launcher.requireOneArchive();
            // As shipped (C2 for copy, CDS archive) with 64 and 32 MiB of heap; then 64 MiB with the C1-only JIT the
            // launcher used before, to show what the JIT choice does to hashing 1 GiB.
            Map<String, String> variants = new LinkedHashMap<>();
            variants.put("-Xmx64m", "-Xmx64m");
            variants.put("-Xmx32m", "-Xmx32m");
            variants.put("-Xmx64m, C1 only (earlier launcher's JIT)", "-Xmx64m -XX:TieredStopAtLevel=1");
            for (Map.Entry<String, String> variant : variants.entrySet()) {
                registries.restartTargetEmpty();
                String target = registries.target().host() + "/prod/huge:v1";
                registries.mark();
                TimedCommand.Outcome outcome = launcher.run(List.of(TIME.toString(), "-v"), List.of("copy", source, target),
                        PromoteLauncher.Cds.SHIPPED, variant.getValue());
                launcher.checkArchiveKept();
                runs.add(record("bin/promote", variant.getKey(), outcome, registries, image, outcome.exitCode() == 0));
            }
            registries.restartTargetEmpty();
            String target = registries.target().host() + "/prod/huge:v1";
            registries.mark();
            TimedCommand.Outcome outcome = skopeo.copy(source, target, List.of(TIME.toString(), "-v"));
            runs.add(record("skopeo", "–", outcome, registries, image, true));
        }
        loadAverageAfter = MachineDescription.loadAverage();
        runs.forEach(r -> log.printf("memory check: %s%n", r));
    }

    private Run record(String who, String heap, TimedCommand.Outcome outcome, RegistryPair registries, TestImage image,
                       boolean exitedZero) {
        int requests = registries.settle().size();
        Optional<String> onDisk = registries.target().tagDigestOnDisk("prod/huge", "v1");
        boolean digestOk = onDisk.isPresent() && onDisk.get().equals(image.digest());
        boolean blobsOk = image.blobDigests().stream().allMatch(d -> registries.target().hasBlobLinked("prod/huge", d));
        Matcher m = MAX_RSS.matcher(outcome.stderr());
        long rss = m.find() ? Long.parseLong(m.group(1)) : -1;
        String note = exitedZero && digestOk && blobsOk ? "digest " + image.digest().substring(0, 19) + "… on the target, all blobs linked"
                : "exit " + outcome.exitCode() + ", target " + onDisk.orElse("absent") + ": " + firstErrorLine(outcome.stderr());
        return new Run(who, heap, exitedZero && digestOk && blobsOk, outcome.seconds(), rss, requests, note);
    }

    private static String firstErrorLine(String stderr) {
        return stderr.lines().filter(l -> l.contains("error") || l.contains("Error") || l.contains("Exception")).findFirst()
                .orElse(stderr.lines().findFirst().orElse("")).strip();
    }
}
