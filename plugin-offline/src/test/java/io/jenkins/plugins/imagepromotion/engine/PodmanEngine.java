package io.jenkins.plugins.imagepromotion.engine;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker-compatible engine for tests: {@code podman system service} on a unix socket in a temp directory,
 * with private vfs storage and a private registries.conf that marks the test registries insecure (plain HTTP, or TLS
 * without verification). Command-line flags select the storage, so /etc/containers cannot change what a test sees.
 * Used by the offline tests and, through plugin/pom.xml, by the JenkinsRule tests.
 */
public final class PodmanEngine implements AutoCloseable {
    private static final long READY_MILLIS = 15_000;

    private final Process process;
    private final Path dir;
    private final Path socket;

    private PodmanEngine(Process process, Path dir, Path socket) {
        this.process = process;
        this.dir = dir;
        this.socket = socket;
    }

    /** True when podman and skopeo can be run here (tests that need an engine assume this). */
    public static boolean available() {
        for (String tool : List.of("podman", "skopeo")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Starts the service and waits until {@code GET /_ping} answers. The registries must already run: podman reads
     * registries.conf once, at start.
     */
    public static PodmanEngine start(Path workDir, List<String> insecureRegistries) throws IOException {
        Path dir = workDir.toAbsolutePath().normalize();
        Files.createDirectories(dir.resolve("tmp"));
        StringBuilder conf = new StringBuilder("unqualified-search-registries = []\n");
        for (String registry : insecureRegistries) {
            conf.append("\n[[registry]]\nlocation = \"").append(registry).append("\"\ninsecure = true\n");
        }
        Files.writeString(dir.resolve("registries.conf"), conf);
        Path socket = dir.resolve("podman.sock");
        List<String> command = new ArrayList<>(podman(dir));
        command.addAll(List.of("system", "service", "--time=0", "unix://" + socket));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("podman.log").toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment(dir));
        PodmanEngine engine = new PodmanEngine(builder.start(), dir, socket);
        try {
            engine.awaitReady();
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    private static List<String> podman(Path dir) {
        return List.of("podman", "--root", dir.resolve("storage").toString(), "--runroot", dir.resolve("run").toString(),
                "--storage-driver", "vfs", "--tmpdir", dir.resolve("tmp").toString(), "--cgroup-manager", "cgroupfs",
                "--events-backend", "file");
    }

    private static Map<String, String> environment(Path dir) {
        return Map.of("CONTAINERS_REGISTRIES_CONF", dir.resolve("registries.conf").toString(),
                "REGISTRY_AUTH_FILE", dir.resolve("no-auth.json").toString(),
                "TMPDIR", dir.resolve("tmp").toString());
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("podman system service did not answer _ping: " + log());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for podman", e);
            }
        }
    }

    /** A raw HTTP request over the socket, so readiness does not depend on the client under test. */
    private boolean answersPing() {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(64);
            channel.read(answer);
            return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).matches("(?s)HTTP/1\\.[01] 200.*");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code unix:///…/podman.sock}, for {@code dockerHost} or {@code DOCKER_HOST}. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    /** Puts an OCI layout's image into the engine's storage as {@code localName}, as a local build would leave it. */
    public void importLayout(Path layout, String layoutTag, String localName) throws IOException {
        String storage = "containers-storage:[vfs@" + dir.resolve("storage") + "+" + dir.resolve("run") + "]" + localName;
        run(List.of("skopeo", "--insecure-policy", "copy", "--quiet", "oci:" + layout + ":" + layoutTag, storage));
    }

    private void run(List<String> command) throws IOException {
        Path out = Files.createTempFile(dir.resolve("tmp"), "cmd", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment(dir));
        Process p = builder.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + Files.readString(out));
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("podman.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
