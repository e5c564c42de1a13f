package io.imagepromotion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs {@code bin/promote} as a user runs it: a new process per promotion, JVM start-up included. HOME is a directory
 * of this benchmark's work dir, emptied when the benchmark starts, and XDG_CACHE_HOME is unset, so the launcher's
 * class-data-sharing archive lives at a known place ({@code HOME/.cache/image-promotion}) and is made by this run.
 */
final class PromoteLauncher {
    /** Whether bin/promote runs as shipped (its CDS archive) or with {@code PROMOTE_CDS=off}. */
    enum Cds { SHIPPED, OFF }

    private final Path launcher;
    private final Path home;
    private final Path outputDir;
    private Path expectedArchive;
    private int runs;

    /** Empties {@code workDir/promote-home}: no archive from an earlier benchmark or from the user's own HOME. */
    PromoteLauncher(Path projectRoot, Path workDir) throws IOException {
        this.launcher = projectRoot.resolve("bin/promote");
        this.home = workDir.resolve("promote-home");
        RegistryPair.deleteTree(home);
        Files.createDirectories(home);
        this.outputDir = workDir.resolve("promote-output");
    }

    Path launcher() {
        return launcher;
    }

    /** {@code bin/promote copy SOURCE TARGET}, with {@code javaOptions} in PROMOTE_JAVA_OPTS (may be empty). */
    TimedCommand.Outcome copy(String sourceRef, String targetRef, Cds cds, String javaOptions) {
        return TimedCommand.runOk(List.of(launcher.toString(), "copy", sourceRef, targetRef), environment(cds, javaOptions),
                outputDir.resolve(Integer.toString(runs++ % 4)));
    }

    /** Any bin/promote command line, e.g. {@code --version}, optionally under a wrapper such as /usr/bin/time -v. */
    TimedCommand.Outcome run(List<String> wrapper, List<String> arguments, Cds cds, String javaOptions) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(launcher.toString());
        command.addAll(arguments);
        return TimedCommand.run(command, environment(cds, javaOptions), outputDir.resolve(Integer.toString(runs++ % 4)));
    }

    /** Where bin/promote keeps its archives with this HOME. */
    Path archiveDir() {
        return home.resolve(".cache/image-promotion");
    }

    /** The finished archives there (not the launcher's {@code .tmp} files of a run in progress). */
    List<Path> archives() throws IOException {
        if (!Files.isDirectory(archiveDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(archiveDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    /**
     * The launcher dumps the archive in the background after a first run (from the class list that run wrote); wait
     * until no class list or half-written archive is left, so that no timed run shares the CPU with a dump.
     */
    void awaitBackgroundDump() throws IOException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!Files.isDirectory(archiveDir())) {
                return;
            }
            try (Stream<Path> files = Files.list(archiveDir())) {
                if (files.map(p -> p.getFileName().toString()).noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".classlist"))) {
                    return;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the CDS dump", e);
            }
        }
        throw new IllegalStateException("bin/promote's background CDS dump did not finish within 120 s in " + archiveDir());
    }

    /** Deletes every archive, so that the next run as shipped is a first run that makes one. */
    void deleteArchives() throws IOException {
        RegistryPair.deleteTree(archiveDir());
        expectedArchive = null;
    }

    /**
     * After a first run: exactly one archive must exist; later runs must keep using it ({@link #checkArchiveKept()}).
     *
     * @return the archive
     */
    Path requireOneArchive() throws IOException {
        awaitBackgroundDump();
        List<Path> found = archives();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one CDS archive in " + archiveDir() + " after a first run of bin/promote, found " + found);
        }
        expectedArchive = found.get(0);
        return expectedArchive;
    }

    /**
     * The archive made before the timed runs must still be the only one: a rebuilt jar (someone ran Maven meanwhile)
     * would make the launcher write a new archive inside a timed run, and that run would measure the first-run cost.
     */
    void checkArchiveKept() throws IOException {
        List<Path> found = archives();
        if (expectedArchive == null || !found.equals(List.of(expectedArchive))) {
            throw new IllegalStateException("the CDS archive changed during the timed runs (was " + expectedArchive + ", now " + found
                    + "): cli/target/promote.jar was probably rebuilt meanwhile; run the benchmark again");
        }
    }

    private Map<String, String> environment(Cds cds, String javaOptions) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString()); // no docker config.json (anonymous, like skopeo here); the CDS archive's place
        env.put("XDG_CACHE_HOME", null);
        env.put("DOCKER_CONFIG", null);
        env.put("PROMOTE_CDS", cds == Cds.OFF ? "off" : null);
        env.put("PROMOTE_JAVA_OPTS", javaOptions.isEmpty() ? null : javaOptions);
        env.put("JAVA_TOOL_OPTIONS", null);
        env.put("JDK_JAVA_OPTIONS", null);
        env.put("_JAVA_OPTIONS", null);
        return env;
    }
}
