package io.imagepromotion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One in-process run of {@code promote}: exit code and everything written to stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs {@code promote args} with its own stdout, stderr and stdin and the given environment (tests pass a HOME
     * without a docker config, so the machine's logins cannot leak in).
     */
    static CliRun run(Map<String, String> environment, String stdin, String... args) {
        return run(PromoteMain::run, environment, stdin, args);
    }

    /** Like {@link #run}, but picocli parses the arguments even where the copy fast path would. */
    static CliRun runWithPicocli(Map<String, String> environment, String stdin, String... args) {
        return run(PromoteMain::runWithPicocli, environment, stdin, args);
    }

    private static CliRun run(Entry entry, Map<String, String> environment, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = entry.run(PromoteMain.Console.of(o, e,
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment), args);
        }
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A way into promote: its exit code for the arguments. */
    private interface Entry {
        int run(PromoteMain.Console console, String... args);
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    /** stdout parsed as one JSON document. */
    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not JSON: " + out, e);
        }
    }

    String all() {
        return out + err;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
