package io.imagepromotion.core.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default helper runner against a real executable {@code docker-credential-testhelper}: the JVM resolves helpers
 * on its own PATH, which a test cannot change in-process, so the lookup runs in a child JVM with the helper's
 * directory first on PATH.
 */
class CredentialHelperProcessTest {
    private static final String SCRIPT = """
            #!/bin/sh
            # docker credential helper protocol: "get" with the server URL on stdin (no newline), JSON on stdout
            [ "$1" = "get" ] || { echo "unexpected action $1" >&2; exit 2; }
            server=$(cat)
            printf '%s\\n' "$server" >> "$HELPER_LOG"
            case "$server" in
              registry.example.com) printf '{"ServerURL":"%s","Username":"scripted","Secret":"from-script"}' "$server" ;;
              https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"hubuser","Secret":"hub-secret"}' "$server" ;;
              *) echo "credentials not found in native keychain"; exit 1 ;;
            esac
            """;

    @Test
    void realHelperOnPathAnswersThroughTheDefaultRunner(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path helper = bin.resolve("docker-credential-testhelper");
        Files.writeString(helper, SCRIPT);
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.writeString(dir.resolve("config.json"), "{\"credsStore\":\"testhelper\"}");
        Path log = dir.resolve("helper.log");

        List<String> lines = runProbe(bin, log, config, "registry.example.com", "docker.io", "unknown.example.com");

        assertEquals(List.of(
                "registry.example.com -> user=scripted secret=from-script",
                "docker.io -> user=hubuser secret=hub-secret",
                "unknown.example.com -> anonymous"), lines);
        assertEquals(List.of("registry.example.com", "https://index.docker.io/v1/", "unknown.example.com"),
                Files.readAllLines(log), "the helper gets the server URL on stdin, Hub as its index URL");
    }

    private static List<String> runProbe(Path bin, Path log, Path config, String... registries)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, CredentialHelperProbe.class.getName(), config.toString()));
        command.addAll(List.of(registries));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HELPER_LOG", log.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
