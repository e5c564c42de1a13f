package io.imagepromotion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * skopeo as on a fresh CI agent: an empty blob-info cache for every run. skopeo keeps that cache in
 * {@code $HOME/.local/share/containers/cache} for an unprivileged user but machine-wide in
 * {@code /var/lib/containers/cache} for root, so when this JVM runs as root skopeo runs as {@code nobody}
 * (via {@code setpriv}) with a private HOME that is deleted before each run.
 */
final class SkopeoRunner {
    private static final int NOBODY = 65534;

    private final Path homeParent;
    private final Path outputDir;
    private final boolean dropPrivileges;
    private int runs;

    SkopeoRunner(Path workDir) throws IOException {
        this.homeParent = workDir.resolve("skopeo-home");
        this.outputDir = workDir.resolve("skopeo-output");
        RegistryPair.deleteTree(homeParent);
        Files.createDirectories(homeParent);
        // nobody must create its HOME below this directory.
        Files.setPosixFilePermissions(homeParent, PosixFilePermissions.fromString("rwxrwxrwx"));
        this.dropPrivileges = "root".equals(System.getProperty("user.name"));
    }

    /** How skopeo is isolated, for the report. */
    String isolation() {
        return dropPrivileges
                ? "as user nobody (setpriv --reuid=65534), HOME=<private dir> deleted before each run"
                : "as " + System.getProperty("user.name") + ", HOME=<private dir> deleted before each run";
    }

    /** {@code skopeo copy --all --preserve-digests} between two plain-HTTP registries, timed. */
    TimedCommand.Outcome copy(String sourceRef, String targetRef) throws IOException {
        return copy(sourceRef, targetRef, List.of());
    }

    /** The same under a wrapper command such as {@code /usr/bin/time -v}. */
    TimedCommand.Outcome copy(String sourceRef, String targetRef, List<String> wrapper) throws IOException {
        Path home = homeParent.resolve("home");
        RegistryPair.deleteTree(home);
        List<String> command = new ArrayList<>(wrapper);
        if (dropPrivileges) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.addAll(List.of("skopeo", "--insecure-policy", "copy", "--all", "--preserve-digests", "--quiet",
                "--src-tls-verify=false", "--dest-tls-verify=false", "docker://" + sourceRef, "docker://" + targetRef));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("REGISTRY_AUTH_FILE", home.resolve("no-auth.json").toString());
        env.put("XDG_DATA_HOME", null);
        env.put("XDG_CONFIG_HOME", null);
        env.put("XDG_RUNTIME_DIR", null);
        env.put("DOCKER_CONFIG", null);
        TimedCommand.Outcome outcome = TimedCommand.runOk(command, env, outputDir.resolve(Integer.toString(runs++ % 4)));
        return outcome;
    }

    /** The cache file skopeo wrote in the last run, to prove where it went; empty if none. */
    List<Path> cacheFiles() throws IOException {
        Path home = homeParent.resolve("home");
        if (!Files.exists(home)) {
            return List.of();
        }
        try (var paths = Files.walk(home)) {
            return paths.filter(p -> p.getFileName().toString().startsWith("blob-info-cache")).toList();
        }
    }
}
