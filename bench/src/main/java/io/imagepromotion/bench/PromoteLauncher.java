package io.imagepromotion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code bin/promote} as a user runs it: a new process per promotion, JVM start-up included. */
final class PromoteLauncher {
    private final Path launcher;
    private final Path home;
    private final Path outputDir;
    private int runs;

    PromoteLauncher(Path projectRoot, Path workDir) throws IOException {
        this.launcher = projectRoot.resolve("bin/promote");
        this.home = Files.createDirectories(workDir.resolve("promote-home"));
        this.outputDir = workDir.resolve("promote-output");
    }

    Path launcher() {
        return launcher;
    }

    /** {@code bin/promote copy SOURCE TARGET}, with {@code javaOptions} in PROMOTE_JAVA_OPTS (may be empty). */
    TimedCommand.Outcome copy(String sourceRef, String targetRef, String javaOptions) {
        return TimedCommand.runOk(List.of(launcher.toString(), "copy", sourceRef, targetRef), environment(javaOptions),
                outputDir.resolve(Integer.toString(runs++ % 4)));
    }

    /** Any bin/promote command line, e.g. {@code --version}, optionally under a wrapper such as /usr/bin/time -v. */
    TimedCommand.Outcome run(List<String> wrapper, List<String> arguments, String javaOptions) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(launcher.toString());
        command.addAll(arguments);
        return TimedCommand.run(command, environment(javaOptions), outputDir.resolve(Integer.toString(runs++ % 4)));
    }

    private Map<String, String> environment(String javaOptions) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString()); // no docker config.json: anonymous, like skopeo here
        env.put("DOCKER_CONFIG", null);
        env.put("PROMOTE_JAVA_OPTS", javaOptions.isEmpty() ? null : javaOptions);
        env.put("JAVA_TOOL_OPTIONS", null);
        return env;
    }
}
