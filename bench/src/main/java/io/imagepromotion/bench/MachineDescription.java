package io.imagepromotion.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The facts about this machine that a reader needs to judge the numbers. */
final class MachineDescription {
    private MachineDescription() {
    }

    static Map<String, String> collect(Path workDir) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("CPU", firstMatch(Path.of("/proc/cpuinfo"), "model name") + ", " + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM");
        facts.put("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal"));
        facts.put("OS", osRelease() + ", kernel " + read(Path.of("/proc/sys/kernel/osrelease")));
        facts.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        facts.put("skopeo", command(workDir, "skopeo", "--version"));
        facts.put("registry", command(workDir, "docker-registry", "--version"));
        facts.put("load average at start", read(Path.of("/proc/loadavg")));
        return facts;
    }

    static String loadAverage() {
        return read(Path.of("/proc/loadavg"));
    }

    private static String firstMatch(Path file, String key) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String osRelease() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("PRETTY_NAME=")).map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(Path workDir, String... command) {
        TimedCommand.Outcome outcome = TimedCommand.run(List.of(command), Map.of(), workDir.resolve("machine"));
        return (outcome.stdout() + outcome.stderr()).strip();
    }
}
