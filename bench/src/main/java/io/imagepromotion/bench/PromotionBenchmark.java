package io.imagepromotion.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/**
 * Entry point: {@code bench/run} (or {@code mvn -Pbench -pl bench -am verify -DskipTests}). Prints progress, then the
 * Markdown report, which it also writes to {@code bench.report}.
 */
public final class PromotionBenchmark {
    private PromotionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        BenchOptions options = BenchOptions.fromSystemProperties();
        PrintStream log = System.out;
        Files.createDirectories(options.workDir());
        long started = System.nanoTime();
        Map<String, String> machine = MachineDescription.collect(options.workDir());
        MarkdownReport report = new MarkdownReport();
        // One HOME for every bin/promote run (emptied here), so that its CDS archive is made once by this run.
        PromoteLauncher launcher = new PromoteLauncher(options.projectRoot(), options.workDir());
        SideBySide bench = null;
        if (options.runMain()) {
            bench = new SideBySide(options, launcher, log);
            bench.run();
        }
        MemoryCheck memory = null;
        if (options.runMemory()) {
            memory = new MemoryCheck(options, launcher, log);
            memory.run();
        }
        report.machine(machine, options, bench != null ? bench.skopeoIsolation : memory != null ? memory.skopeoIsolation : null);
        if (bench != null) {
            report.sideBySide(bench);
        }
        if (memory != null) {
            report.memory(memory);
        }
        Files.createDirectories(options.report().getParent());
        Files.writeString(options.report(), report.text(), StandardCharsets.UTF_8);
        log.println();
        log.println(report.text());
        log.printf("report written to %s; benchmark took %.0f s%n", options.report(), (System.nanoTime() - started) / 1e9);
    }
}
