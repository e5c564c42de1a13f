package io.imagepromotion.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What JVM start-up costs bin/promote: the bare JVM with the launcher's flags, {@code bin/promote --version} as shipped
 * (its CDS archive), with {@code PROMOTE_CDS=off} and with no CDS at all, and how many classes one copy loads and from
 * where. Runs after the archive was made by a copy.
 */
final class StartupProbe {
    static final int REPEATS = 10;
    /** The flags bin/promote starts java with for {@code copy} (kept in step with the launcher by hand). */
    private static final List<String> COPY_FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto");
    /** ... and for the other commands, e.g. {@code --version}: C1 only. */
    private static final List<String> OTHER_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    /**
     * @param times      label to wall times
     * @param classLoads label to "N classes loaded, M of them from a CDS archive"
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

    Result measure(Supplier<String[]> freshCopy) throws IOException {
        Map<String, Samples> times = new LinkedHashMap<>();
        Samples bareCopy = times.computeIfAbsent("java -version, bare JVM, copy's flags (C2)", k -> new Samples());
        Samples bareOther = times.computeIfAbsent("java -version, bare JVM, other commands' flags (C1 only)", k -> new Samples());
        Samples shipped = times.computeIfAbsent("bin/promote --version as shipped (CDS archive)", k -> new Samples());
        Samples off = times.computeIfAbsent("bin/promote --version, PROMOTE_CDS=off (JDK default CDS)", k -> new Samples());
        Samples none = times.computeIfAbsent("bin/promote --version, PROMOTE_CDS=off -Xshare:off (no CDS at all)", k -> new Samples());
        for (int i = 0; i < REPEATS; i++) {
            bareCopy.add(TimedCommand.runOk(javaVersion(COPY_FLAGS), Map.of(), workDir.resolve("startup")).seconds());
            bareOther.add(TimedCommand.runOk(javaVersion(OTHER_FLAGS), Map.of(), workDir.resolve("startup")).seconds());
            shipped.add(ok(launcher.run(List.of(), List.of("--version"), PromoteLauncher.Cds.SHIPPED, "")).seconds());
            off.add(ok(launcher.run(List.of(), List.of("--version"), PromoteLauncher.Cds.OFF, "")).seconds());
            none.add(ok(launcher.run(List.of(), List.of("--version"), PromoteLauncher.Cds.OFF, "-Xshare:off")).seconds());
        }
        Map<String, String> classLoads = new LinkedHashMap<>();
        classLoads.put("bin/promote --version, as shipped", classLoads(List.of("--version"), PromoteLauncher.Cds.SHIPPED));
        String[] copy = freshCopy.get();
        classLoads.put("bin/promote copy (cross-repository, multi-arch), as shipped",
                classLoads(List.of("copy", copy[0], copy[1]), PromoteLauncher.Cds.SHIPPED));
        copy = freshCopy.get();
        classLoads.put("bin/promote copy (cross-repository, multi-arch), PROMOTE_CDS=off",
                classLoads(List.of("copy", copy[0], copy[1]), PromoteLauncher.Cds.OFF));
        times.forEach((k, v) -> log.printf("start-up: %-70s %s%n", k, v.describe()));
        classLoads.forEach((k, v) -> log.printf("classes: %-65s %s%n", k, v));
        return new Result(times, classLoads);
    }

    private static List<String> javaVersion(List<String> flags) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(flags);
        command.add("-version");
        return command;
    }

    private String classLoads(List<String> arguments, PromoteLauncher.Cds cds) throws IOException {
        Path file = workDir.resolve("class-load.log");
        Files.deleteIfExists(file);
        TimedCommand.Outcome outcome = ok(launcher.run(List.of(), arguments, cds, "-Xlog:class+load=info:file=" + file));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        // The launcher's archive is static: it replaces the JDK's default one and holds JDK and promote.jar classes
        // alike, so the log cannot tell them apart; which archive was mapped follows from the CDS setting.
        long shared = lines.stream().filter(l -> l.contains("shared objects file")).count();
        long jar = lines.stream().filter(l -> l.contains("promote.jar") || l.contains("docker-engine-client.jar")).count();
        String archive = cds == PromoteLauncher.Cds.SHIPPED && !launcher.archives().isEmpty()
                ? "bin/promote's archive" : "the JDK's default archive";
        return String.format(Locale.ROOT, "%d classes loaded: %d from %s, %d parsed from the jars, %d other JDK/generated (%.3f s)",
                lines.size(), shared, archive, jar, lines.size() - shared - jar, outcome.seconds());
    }

    private static TimedCommand.Outcome ok(TimedCommand.Outcome outcome) {
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException("bin/promote exited " + outcome.exitCode() + ":\n" + outcome.stderr());
        }
        return outcome;
    }
}
