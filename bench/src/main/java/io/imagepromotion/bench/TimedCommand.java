package io.imagepromotion.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command and times it from {@code start()} to the end of {@code waitFor()}. Output goes to files
 * (no reader threads in this JVM while the clock runs).
 */
final class TimedCommand {
    private static final long TIMEOUT_SECONDS = 600;

    /** @param seconds wall time of the whole process; {@code stdout}/{@code stderr} its output */
    record Outcome(double seconds, int exitCode, String stdout, String stderr) {
    }

    private TimedCommand() {
    }

    /**
     * @param environment variables to set; a {@code null} value removes the variable
     */
    static Outcome run(List<String> command, Map<String, String> environment, Path outputDir) {
        try {
            Files.createDirectories(outputDir);
            Path out = outputDir.resolve("stdout.txt");
            Path err = outputDir.resolve("stderr.txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            environment.forEach((k, v) -> {
                if (v == null) {
                    builder.environment().remove(k);
                } else {
                    builder.environment().put(k, v);
                }
            });
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Outcome(seconds, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Like {@link #run}, failing with the command's stderr unless it exits 0. */
    static Outcome runOk(List<String> command, Map<String, String> environment, Path outputDir) {
        Outcome outcome = run(command, environment, outputDir);
        if (outcome.exitCode() != 0) {
            throw new IllegalStateException("exit " + outcome.exitCode() + ": " + String.join(" ", command) + "\n" + outcome.stderr());
        }
        return outcome;
    }
}
