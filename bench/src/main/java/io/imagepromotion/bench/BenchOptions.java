package io.imagepromotion.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What to run, read from system properties (the bench pom passes them on). Validated when built.
 *
 * @param mode         {@code main} (the side-by-side table and JVM start-up), {@code memory} (1 GiB under -Xmx64m),
 *                     {@code all} (both)
 * @param runs         timed runs per tool and cell; at least 5
 * @param warmups      in-process warm-up rounds over every cell before timing
 * @param images       which images: big (10 x 10 MiB), many (100 x 100 KiB), multi (4 platforms x 2 x 1 MiB)
 * @param memoryLayers 64 MiB layers of the memory check's image (16 = 1 GiB)
 * @param workDir      images, registry storage and logs (kept afterwards for inspection)
 * @param report       the Markdown report
 * @param projectRoot  the repository root: bin/promote lives there
 */
record BenchOptions(String mode, int runs, int warmups, List<String> images, int memoryLayers, Path workDir, Path report,
                    Path projectRoot) {
    static final Set<String> MODES = Set.of("main", "memory", "all");
    static final Set<String> IMAGES = Set.of("big", "many", "multi");

    BenchOptions {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("bench.mode must be one of " + MODES + ", got " + mode);
        }
        if (runs < 5) {
            throw new IllegalArgumentException("bench.runs must be at least 5 (the issue asks for median, min and max of 5+), got " + runs);
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("bench.warmups must be >= 0, got " + warmups);
        }
        images = List.copyOf(images);
        for (String image : images) {
            if (!IMAGES.contains(image)) {
                throw new IllegalArgumentException("bench.images: unknown image '" + image + "'; known: " + IMAGES);
            }
        }
        if (memoryLayers < 1 || memoryLayers > 64) {
            throw new IllegalArgumentException("bench.memory.layers must be 1..64, got " + memoryLayers);
        }
        if (!Files.isExecutable(projectRoot.resolve("bin/promote"))) {
            throw new IllegalArgumentException("bench.projectRoot " + projectRoot + " has no executable bin/promote");
        }
    }

    static BenchOptions fromSystemProperties() {
        Path root = Path.of(System.getProperty("bench.projectRoot", ".")).toAbsolutePath().normalize();
        return new BenchOptions(
                System.getProperty("bench.mode", "main"),
                Integer.parseInt(System.getProperty("bench.runs", "5")),
                Integer.parseInt(System.getProperty("bench.warmups", "3")),
                Arrays.stream(System.getProperty("bench.images", "big,many,multi").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                Integer.parseInt(System.getProperty("bench.memory.layers", "16")),
                // Relative paths are taken from the project root, where bench/run is started (the forked JVM runs in bench/).
                root.resolve(System.getProperty("bench.workDir", "bench/target/bench-work")).normalize(),
                root.resolve(System.getProperty("bench.report", "bench/target/bench-results.md")).normalize(),
                root);
    }

    boolean runMain() {
        return mode.equals("main") || mode.equals("all");
    }

    boolean runMemory() {
        return mode.equals("memory") || mode.equals("all");
    }
}
