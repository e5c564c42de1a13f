package io.imagepromotion.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What JVM start-up costs bin/promote: the bare JVM with the launcher's flags, {@code bin/promote --version} with and
 * without class-data sharing, and how many classes one copy loads and from where.
 */
final class StartupProbe {
    static final int REPEATS = 10;
    /** The flags bin/promote starts java with (kept in step with the launcher by hand). */
    private static final List<String> LAUNCHER_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    /**
     * @param times        label to wall times
     * @param classLoads   label to "N classes loaded, M of them from a CDS archive"
     */
    record Result(Map<String, Samples> times, Map<String, String> classLoads) {
    }

    private final PromoteLauncher launcher;
    private final Path workDir;
    private final PrintStream log;

    StartupProbe(PromoteLauncher launcher, Path workDir, PrintStream log) {
        this.launcher = launcher;
        this.workDir = workDir;
        this.log = log;
    }

    Result measure(String cdsOptions, Supplier<String[]> freshCopy) throws IOException {
        Map<String, Samples> times = new LinkedHashMap<>();
        Samples bare = times.computeIfAbsent("java -version (launcher flags): bare JVM", k -> new Samples());
        Samples plain = times.computeIfAbsent("bin/promote --version (as shipped: default JDK CDS)", k -> new Samples());
        Samples cds = times.computeIfAbsent("bin/promote --version + AppCDS archive", k -> new Samples());
        Samples off = times.computeIfAbsent("bin/promote --version, -Xshare:off (no CDS at all)", k -> new Samples());
        List<String> bareCommand = new java.util.ArrayList<>(List.of("java"));
        bareCommand.addAll(LAUNCHER_FLAGS);
        bareCommand.add("-version");
        for (int i = 0; i < REPEATS; i++) {
            bare.add(TimedCommand.runOk(bareCommand, Map.of(), workDir.resolve("startup")).seconds());
            plain.add(ok(launcher.run(List.of(), List.of("--version"), "")).seconds());
            cds.add(ok(launcher.run(List.of(), List.of("--version"), cdsOptions)).seconds());
            off.add(ok(launcher.run(List.of(), List.of("--version"), "-Xshare:off")).seconds());
        }
        Map<String, String> classLoads = new LinkedHashMap<>();
        classLoads.put("bin/promote copy (cross-repository, multi-arch), as shipped", classLoads(freshCopy.get(), ""));
        classLoads.put("bin/promote copy (cross-repository, multi-arch), AppCDS", classLoads(freshCopy.get(), cdsOptions));
        times.forEach((k, v) -> log.printf("start-up: %-55s %s%n", k, v.describe()));
        classLoads.forEach((k, v) -> log.printf("classes: %-60s %s%n", k, v));
        return new Result(times, classLoads);
    }

    private String classLoads(String[] copy, String javaOptions) throws IOException {
        Path file = workDir.resolve("class-load.log");
        Files.deleteIfExists(file);
        String options = (javaOptions + " -Xlog:class+load=info:file=" + file).trim();
        TimedCommand.Outcome outcome = ok(launcher.run(List.of(), List.of("copy", copy[0], copy[1]), options));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long shared = lines.stream().filter(l -> l.contains("shared objects file")).count();
        long jar = lines.stream().filter(l -> l.contains("promote.jar")).count();
        return String.format(java.util.Locale.ROOT, "%d classes loaded: %d from CDS archives, %d from promote.jar, %d other JDK/generated (%.3f s)",
                lines.size(), shared, jar, lines.size() - shared - jar, outcome.seconds());
    }

    private static TimedCommand.Outcome ok(TimedCommand.Outcome outcome) {
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException("bin/promote exited " + outcome.exitCode() + ":\n" + outcome.stderr());
        }
        return outcome;
    }
}
