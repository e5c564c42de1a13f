package io.imagepromotion.testkit;

import java.util.List;

/** An external tool (skopeo, openssl, htpasswd) exited non-zero or timed out. Credentials are masked in {@link #command()}. */
public final class CommandFailedException extends TestkitException {
    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    public CommandFailedException(List<String> command, int exitCode, String stderr) {
        super("command failed (exit " + exitCode + "): " + String.join(" ", command) + "\n" + stderr);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    /** The command line with any {@code user:password} credential replaced by {@code user:***}. */
    public List<String> command() {
        return command;
    }

    /** Exit status, or -1 if the command was killed after its timeout. */
    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
