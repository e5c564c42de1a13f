package io.imagepromotion.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a CLI tool to completion with output captured in temp files (no pipe draining, no deadlock on big output). */
final class ExternalCommand {
    private static final List<String> CREDENTIAL_FLAGS = List.of("--creds", "--src-creds", "--dest-creds");

    private ExternalCommand() {
    }

    record Result(int exitCode, byte[] stdout, String stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static byte[] runOrThrow(List<String> command, long timeoutSeconds) {
        return runOrThrow(command, Map.of(), timeoutSeconds);
    }

    static byte[] runOrThrow(List<String> command, Map<String, String> environment, long timeoutSeconds) {
        Result result = run(command, environment, timeoutSeconds);
        if (result.exitCode() != 0) {
            throw new CommandFailedException(masked(command), result.exitCode(), result.stderr());
        }
        return result.stdout();
    }

    static Result run(List<String> command, Map<String, String> environment, long timeoutSeconds) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("testkit-cmd", ".out");
            err = Files.createTempFile("testkit-cmd", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new TestkitException("interrupted while running " + String.join(" ", masked(command)), e);
            }
            if (!finished) {
                process.destroyForcibly();
                return new Result(-1, Files.readAllBytes(out),
                        "timed out after " + timeoutSeconds + " s\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", masked(command)), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Replaces the password of {@code --creds user:pass} / {@code --creds=user:pass} with ***. */
    static List<String> masked(List<String> command) {
        List<String> result = new ArrayList<>(command.size());
        boolean nextIsCredential = false;
        for (String arg : command) {
            if (nextIsCredential) {
                result.add(maskCredential(arg));
                nextIsCredential = false;
                continue;
            }
            String masked = arg;
            for (String flag : CREDENTIAL_FLAGS) {
                if (arg.equals(flag)) {
                    nextIsCredential = true;
                } else if (arg.startsWith(flag + "=")) {
                    masked = flag + "=" + maskCredential(arg.substring(flag.length() + 1));
                }
            }
            result.add(masked);
        }
        return result;
    }

    private static String maskCredential(String userAndPassword) {
        int colon = userAndPassword.indexOf(':');
        return colon < 0 ? userAndPassword : userAndPassword.substring(0, colon) + ":***";
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
