package io.imagepromotion.bench;

import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The side-by-side run: every image and scenario, the tools alternating run by run (the tool that goes first rotates),
 * each run on a fresh target, request counts from both registries' access logs, every result checked on disk.
 */
final class SideBySide {
    /** Where a run writes: a tag in a repository of one of the two registries. */
    private record Target(RegistryServer registry, String repository, String tag) {
        String reference() {
            return registry.host() + "/" + repository + ":" + tag;
        }
    }

    private final BenchOptions options;
    private final PrintStream log;
    private final List<BenchImage> images = new ArrayList<>();
    final Map<BenchImage, Map<Scenario, Map<Tool, CellResult>>> results = new LinkedHashMap<>();
    private RegistryPair registries;
    private SkopeoRunner skopeo;
    private final PromoteLauncher launcher;
    private int counter;
    StartupProbe.Result startup;
    FirstRunCost firstRunCost;
    String skopeoIsolation;
    String skopeoCacheEvidence = "";
    String loadAverageAfter = "?";

    SideBySide(BenchOptions options, PromoteLauncher launcher, PrintStream log) {
        this.options = options;
        this.launcher = launcher;
        this.log = log;
    }

    List<BenchImage> images() {
        return images;
    }

    void run() throws IOException {
        Path work = options.workDir();
        Path imageDir = work.resolve("images");
        RegistryPair.deleteTree(imageDir);
        for (String name : options.images()) {
            long t0 = System.nanoTime();
            BenchImage image = BenchImage.generate(name, imageDir.resolve(name));
            images.add(image);
            log.printf("generated %s (%s, %d blobs, %.1f MiB) in %.1f s%n", name, image.description(), image.blobs(),
                    image.image().blobBytes() / 1048576.0, (System.nanoTime() - t0) / 1e9);
        }
        try (RegistryPair pair = new RegistryPair(work)) {
            registries = pair;
            Skopeo pusher = Skopeo.forRegistry(pair.source());
            for (BenchImage image : images) {
                pusher.push(image.image(), pair.source().host() + "/" + image.repository() + ":v1");
            }
            skopeo = new SkopeoRunner(work);
            skopeoIsolation = skopeo.isolation();

            warmUp();
            firstRunCost = measureFirstRunCost();
            makeArchive();
            startup = new StartupProbe(launcher, options.workDir(), log).measure(this::freshCrossRepositoryPair);
            launcher.checkArchiveKept();

            for (BenchImage image : images) {
                for (Scenario scenario : Scenario.values()) {
                    measure(image, scenario);
                }
            }
        } finally {
            registries = null;
            loadAverageAfter = MachineDescription.loadAverage();
        }
    }

    /** A source and a fresh cross-repository target on the source registry, for the start-up probe's class counts. */
    private String[] freshCrossRepositoryPair() {
        BenchImage image = images.get(images.size() - 1);
        return new String[]{sourceReference(image), registries.source().host() + "/startup/" + image.name() + "-" + (++counter) + ":v1"};
    }

    /** The image whose cross-registry copy makes the archive: the multi-arch one (index, mounts and uploads). */
    private BenchImage archiveImage() {
        return images.stream().filter(i -> i.name().equals("multi")).findFirst().orElse(images.get(images.size() - 1));
    }

    /**
     * The first run's one-off cost: a cross-registry copy into an empty registry as a first run (archives deleted
     * before it, so it lists its classes for the archive), as a later run (archive there) and with PROMOTE_CDS=off, rotating so
     * that each of the three goes first in some round. Round 0 starts with a first run, so an archive always exists
     * when a later run comes.
     */
    private FirstRunCost measureFirstRunCost() throws IOException {
        BenchImage image = archiveImage();
        Samples first = new Samples();
        Samples dump = new Samples();
        Samples with = new Samples();
        Samples off = new Samples();
        long bytes = 0;
        for (int round = 0; round < options.runs(); round++) {
            for (int i = 0; i < 3; i++) {
                int kind = (i + round * 2) % 3; // round 0: first, with, off; round 1: off, first, with; round 2: with, off, first
                registries.restartTargetEmpty();
                Target target = new Target(registries.target(), "prod/" + image.name(), "v1");
                switch (kind) {
                    case 0 -> {
                        launcher.deleteArchives();
                        first.add(launcher.copy(sourceReference(image), target.reference(), PromoteLauncher.Cds.SHIPPED, "").seconds());
                        long dumpStart = System.nanoTime();
                        bytes = Files.size(launcher.requireOneArchive());
                        dump.add((System.nanoTime() - dumpStart) / 1e9);
                    }
                    case 1 -> {
                        with.add(launcher.copy(sourceReference(image), target.reference(), PromoteLauncher.Cds.SHIPPED, "").seconds());
                        launcher.checkArchiveKept();
                    }
                    default -> off.add(launcher.copy(sourceReference(image), target.reference(), PromoteLauncher.Cds.OFF, "").seconds());
                }
                check(image, target);
            }
        }
        String label = image.name() + ", " + Scenario.CROSS_REGISTRY.label;
        log.printf("first run (lists the classes of the CDS archive, %.1f MiB), %s: %s, then the background dump %s; later runs %s;"
                + " PROMOTE_CDS=off %s%n", bytes / 1048576.0, label, first.describe(), dump.describe(), with.describe(), off.describe());
        return new FirstRunCost(label, first, dump, with, off, "", bytes);
    }

    /**
     * The untimed warm-up: with the jar as built, one {@code bin/promote copy} across registries makes the archive the
     * timed runs use, so it holds the classes of the copy path (mounts, uploads, an index). The launcher records an
     * archive only in a copy or publish run, so the start-up probe's --version runs cannot make a thinner one.
     */
    private void makeArchive() throws IOException {
        launcher.deleteArchives();
        BenchImage image = archiveImage();
        registries.restartTargetEmpty();
        Target target = new Target(registries.target(), "prod/" + image.name(), "v1");
        launcher.copy(sourceReference(image), target.reference(), PromoteLauncher.Cds.SHIPPED, "");
        check(image, target);
        Path archive = launcher.requireOneArchive();
        firstRunCost = new FirstRunCost(firstRunCost.scenario(), firstRunCost.firstRun(), firstRunCost.dumpAfter(), firstRunCost.withArchive(),
                firstRunCost.cdsOff(), archive.getFileName().toString(), Files.size(archive));
        log.printf("CDS archive for the timed runs: %s (%.1f MiB), made by an untimed %s copy of %s%n", archive,
                Files.size(archive) / 1048576.0, Scenario.CROSS_REGISTRY.label, image.name());
    }

    private void warmUp() throws IOException {
        for (int round = 0; round < options.warmups(); round++) {
            for (BenchImage image : images) {
                for (Scenario scenario : Scenario.values()) {
                    Target target = prepare(image, scenario, Tool.IN_PROCESS, false);
                    promoteInProcess(sourceReference(image), target.reference());
                    check(image, target);
                }
            }
        }
        log.printf("in-process warm-up: %d rounds over every cell%n", options.warmups());
    }

    private void measure(BenchImage image, Scenario scenario) throws IOException {
        Map<Tool, CellResult> cell = new EnumMap<>(Tool.class);
        for (Tool tool : Tool.values()) {
            cell.put(tool, new CellResult());
        }
        results.computeIfAbsent(image, i -> new LinkedHashMap<>()).put(scenario, cell);
        Tool[] tools = Tool.values();
        for (int run = 0; run < options.runs(); run++) {
            for (int i = 0; i < tools.length; i++) {
                Tool tool = tools[(i + run) % tools.length];
                Target target = prepare(image, scenario, tool, true);
                registries.mark();
                double seconds = switch (tool) {
                    case SKOPEO -> skopeo.copy(sourceReference(image), target.reference()).seconds();
                    case IN_PROCESS -> promoteInProcess(sourceReference(image), target.reference());
                    case PROCESS -> launcher.copy(sourceReference(image), target.reference(), PromoteLauncher.Cds.SHIPPED, "").seconds();
                    case PROCESS_NO_CDS -> launcher.copy(sourceReference(image), target.reference(), PromoteLauncher.Cds.OFF, "").seconds();
                };
                if (tool == Tool.PROCESS) {
                    launcher.checkArchiveKept();
                }
                RequestCount requests = RequestCount.of(registries.settle());
                check(image, target);
                cell.get(tool).add(seconds, requests);
                if (tool == Tool.SKOPEO && skopeoCacheEvidence.isEmpty()) {
                    skopeoCacheEvidence = skopeo.cacheFiles().stream().map(p -> p.getFileName().toString()).toList().toString()
                            + " under the private HOME";
                }
            }
        }
        log.printf("%-5s %-40s", image.name(), scenario.label);
        for (Tool tool : tools) {
            log.printf(" | %s %s [%s req]", tool.label, Samples.seconds(cell.get(tool).times.median()), cell.get(tool).requestRange());
        }
        log.println();
    }

    /** A fresh target for one run; for "already there" the tag is set up first (untimed, uncounted). */
    private Target prepare(BenchImage image, Scenario scenario, Tool tool, boolean measured) throws IOException {
        int n = ++counter;
        String suffix = (measured ? "" : "w") + tool.key() + n;
        RegistryServer source = registries.source();
        return switch (scenario) {
            case RETAG -> new Target(source, image.repository(), "rt-" + suffix);
            case RETAG_PRESENT -> {
                Target t = new Target(source, image.repository(), "rp-" + suffix);
                promoteInProcess(sourceReference(image), t.reference());
                check(image, t);
                yield t;
            }
            case CROSS_REPOSITORY -> new Target(source, "x/" + image.name() + "-" + suffix, "v1");
            case CROSS_REGISTRY -> {
                if (measured) {
                    registries.restartTargetEmpty();
                    yield new Target(registries.target(), "prod/" + image.name(), "v1");
                }
                yield new Target(registries.target(), "warm/" + image.name() + "-" + suffix, "v1");
            }
        };
    }

    private String sourceReference(BenchImage image) {
        return registries.source().host() + "/" + image.repository() + "@" + image.digest();
    }

    /** As the Jenkins step runs it: a new promoter per promotion, in a JVM that has promoted before. */
    private double promoteInProcess(String source, String target) {
        long started = System.nanoTime();
        PromotionResult result;
        try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
            result = promoter.promote(PromotionRequest.builder(ImageReference.parse(source)).target(ImageReference.parse(target)).build());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!result.digest().toString().equals(source.substring(source.indexOf('@') + 1))) {
            throw new IllegalStateException("promoted " + result.digest() + ", not the source digest of " + source);
        }
        return seconds;
    }

    /** The target tag's current link on disk must be the image digest: no request, nothing added to the logs. */
    private static void check(BenchImage image, Target target) {
        Optional<String> onDisk = target.registry().tagDigestOnDisk(target.repository(), target.tag());
        if (onDisk.isEmpty() || !onDisk.get().equals(image.digest())) {
            throw new IllegalStateException(target.reference() + " is at " + onDisk.orElse("nothing") + " after the run, not "
                    + image.digest());
        }
    }
}
