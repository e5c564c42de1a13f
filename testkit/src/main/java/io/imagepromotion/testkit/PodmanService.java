package io.imagepromotion.testkit;

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
 * A real Docker-compatible engine for tests: {@code podman system service} on a unix socket in {@code workDir}, with
 * everything private to the test: vfs storage ({@code storage/}, {@code run/}), temp dir, network config, events log,
 * an auth file that does not exist, and a registries.conf that marks the test registries insecure (plain HTTP, or TLS
 * without verification) and has no search registries.
 *
 * <p>Flags, not containers.conf or storage.conf, select the private storage, so the machine's files in
 * /etc/containers cannot change what the test sees (see docker-engine-podman.md §3). One thing stays shared: as root,
 * containers/image keeps its blob-info cache in /var/lib/containers/cache, and which blobs it reuses depends on it;
 * tests must not assume that a push recompresses or reuses a given blob unless the blob is new to the machine.
 *
 * <p>Podman 4.3 reads registries.conf when it starts, so the registries must be running (ports known) first.
 * Needs {@code podman} and {@code skopeo} on PATH ({@link #available()}).
 */
public final class PodmanService implements AutoCloseable {
    private static final long READY_TIMEOUT_MILLIS = 15_000;
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final Path workDir;
    private final Path socket;
    private volatile boolean closed;

    private PodmanService(Process process, Path workDir, Path socket) {
        this.process = process;
        this.workDir = workDir;
        this.socket = socket;
    }

    /** True when podman and skopeo can be run here (tests that need an engine may assume this). */
    public static boolean available() {
        for (String tool : List.of("podman", "skopeo")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
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
     * Starts the service and waits until {@code GET /_ping} answers OK. The registries ({@code host:port}) must already
     * run: podman reads registries.conf once, at start.
     */
    public static PodmanService start(Path workDir, List<String> insecureRegistries) throws IOException {
        Path dir = workDir.toAbsolutePath().normalize();
        Files.createDirectories(dir.resolve("tmp"));
        Path socket = dir.resolve("podman.sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > 100) {
            throw new IllegalArgumentException("socket path too long for a unix socket: " + socket);
        }
        StringBuilder conf = new StringBuilder("unqualified-search-registries = []\nshort-name-mode = \"permissive\"\n");
        for (String registry : insecureRegistries) {
            conf.append("\n[[registry]]\nlocation = \"").append(registry).append("\"\ninsecure = true\n");
        }
        Files.writeString(dir.resolve("registries.conf"), conf);
        List<String> command = new ArrayList<>(podman(dir));
        command.addAll(List.of("system", "service", "--time=0", "unix://" + socket));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("podman.log").toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment(dir));
        PodmanService service = new PodmanService(ServerProcesses.track(builder.start()), dir, socket);
        try {
            service.awaitReady();
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** podman with this service's private storage and settings. */
    private static List<String> podman(Path dir) {
        return List.of("podman", "--root", dir.resolve("storage").toString(), "--runroot", dir.resolve("run").toString(),
                "--storage-driver", "vfs", "--tmpdir", dir.resolve("tmp").toString(),
                "--network-config-dir", dir.resolve("networks").toString(),
                "--cgroup-manager", "cgroupfs", "--events-backend", "file");
    }

    private static Map<String, String> environment(Path dir) {
        return Map.of("CONTAINERS_REGISTRIES_CONF", dir.resolve("registries.conf").toString(),
                "REGISTRY_AUTH_FILE", dir.resolve("no-auth.json").toString(),
                "TMPDIR", dir.resolve("tmp").toString());
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (!answersPing()) {
            if (!process.isAlive()) {
                throw new IOException("podman system service exited with " + process.exitValue()
                        + " before answering _ping:\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("podman system service did not answer _ping within " + READY_TIMEOUT_MILLIS
                        + " ms:\n" + logTail());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for podman", e);
            }
        }
    }

    /** One raw HTTP/1.0 request over the socket: no client library, so readiness does not depend on the code under test. */
    private boolean answersPing() {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: d\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(256);
            channel.read(answer);
            String status = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
            return status.startsWith("HTTP/1.0 200") || status.startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code unix:///…/podman.sock}, for a {@code dockerHost} parameter or {@code DOCKER_HOST}. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Puts the manifest named {@code layoutTag} of an OCI layout into this engine's storage as {@code localName}
     * (e.g. {@code localhost/myapp:local}), the way a local build would leave it: no registry involved.
     *
     * @throws CommandFailedException if skopeo fails or times out
     */
    public void importLayout(Path layout, String layoutTag, String localName) {
        String store = "containers-storage:[vfs@" + workDir.resolve("storage") + "+" + workDir.resolve("run") + "]"
                + localName;
        ExternalCommand.runOrThrow(
                List.of("skopeo", "--insecure-policy", "copy", "--quiet", "oci:" + layout + ":" + layoutTag, store),
                environment(workDir), COMMAND_TIMEOUT_SECONDS);
    }

    /** Last lines of the service's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("podman.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no podman log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, up to 10 s to finish, then SIGKILL. Idempotent; storage stays for inspection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ServerProcesses.stop(process);
    }
}
