package io.jenkins.plugins.imagepromotion.agent;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A build log kept in memory: the listener (or stream) a task writes to, and the text it wrote. */
final class CapturedLog {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final TaskListener listener = () -> stream;

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
