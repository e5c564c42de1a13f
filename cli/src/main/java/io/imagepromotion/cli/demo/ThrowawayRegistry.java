package io.imagepromotion.cli.demo;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.error.TransportException;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A CNCF distribution registry ({@code docker-registry}) on a free loopback port with storage in a temp folder,
 * for the demo. Installed with apt-get when missing and we are root on Debian or Ubuntu.
 */
public final class ThrowawayRegistry implements AutoCloseable {
    private static final List<String> CANDIDATES = List.of("/usr/bin/docker-registry", "/usr/local/bin/docker-registry");

    private final Process process;
    private final Path dir;
    private final String host;

    private ThrowawayRegistry(Process process, Path dir, String host) {
        this.process = process;
        this.dir = dir;
        this.host = host;
    }

    public String host() {
        return host;
    }

    public static ThrowawayRegistry start(PrintStream log) throws IOException, InterruptedException {
        Path binary = findOrInstall(log);
        Path dir = Files.createTempDirectory("promote-demo-");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "  delete:",
                "    enabled: true",
                "  maintenance:",
                "    uploadpurging:",
                "      enabled: false",
                "http:",
                "  addr: 127.0.0.1:" + port,
                "  secret: demo-" + Long.toHexString(System.nanoTime()),
                ""), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(binary.toString(), "serve", config.toString())
                .redirectOutput(dir.resolve("registry.out").toFile())
                .redirectError(dir.resolve("registry.err").toFile())
                .start();
        ThrowawayRegistry registry = new ThrowawayRegistry(p, dir, "127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String err = Files.readString(dir.resolve("registry.err"));
                registry.close();
                throw new TransportException("docker-registry exited at start: " + err.strip());
            }
            if (answers(port)) {
                return registry;
            }
            Thread.sleep(5);
        }
        registry.close();
        throw new TransportException("docker-registry did not answer on 127.0.0.1:" + port + " within 15 s");
    }

    private static boolean answers(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v2/").toURL().openConnection();
            c.setConnectTimeout(200);
            c.setReadTimeout(500);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200 || status == 401;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static Path findOrInstall(PrintStream log) throws IOException, InterruptedException {
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        boolean debian = Files.exists(Path.of("/etc/debian_version")) && Files.isExecutable(Path.of("/usr/bin/apt-get"));
        boolean root = "root".equals(System.getProperty("user.name"));
        String how = "install it with: sudo apt-get install -y docker-registry (Debian/Ubuntu), or put the CNCF distribution"
                + " 'registry' binary at /usr/local/bin/docker-registry";
        if (!debian || !root) {
            throw new InvalidInputException("the demo needs docker-registry (CNCF distribution), which is not installed; " + how);
        }
        log.println("demo: installing docker-registry with apt-get ...");
        run(log, "apt-get", "install", "-y", "-q", "docker-registry");
        if (!Files.isExecutable(Path.of(CANDIDATES.get(0)))) {
            run(log, "apt-get", "update", "-q");
            run(log, "apt-get", "install", "-y", "-q", "docker-registry");
        }
        if (!Files.isExecutable(Path.of(CANDIDATES.get(0)))) {
            throw new InvalidInputException("apt-get could not install docker-registry; " + how);
        }
        // The package starts a system service on port 5000; the demo uses its own instance.
        return Path.of(CANDIDATES.get(0));
    }

    private static void run(PrintStream log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(log);
        p.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
