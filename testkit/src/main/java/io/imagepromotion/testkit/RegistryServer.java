package io.imagepromotion.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * A real {@code docker-registry serve} process (distribution 2.8.2) on 127.0.0.1 and a free port.
 *
 * <p>Files in {@code workDir}: {@code registry.yml} (config), {@code storage/} (rootdirectory), {@code access.log}
 * (the registry's stdout: one Apache combined line per request), {@code registry.log} (stderr, logrus level info),
 * {@code htpasswd} for basic auth. Nothing is deleted on {@link #close()}, so a test can inspect storage afterwards;
 * use a JUnit {@code @TempDir} as workDir. A workDir can be reused by a later server (same storage, logs truncated).
 *
 * <p>Pitfalls: the registry caches blob descriptors in memory, so {@link #corruptBlob(String)} keeps the size and
 * the registry still serves the (now wrong) bytes; deleting storage files behind a running registry leaves it
 * answering HEAD 200 from the cache.
 */
public final class RegistryServer implements AutoCloseable {

    private static final Set<Path> WORK_DIRS_IN_USE = ConcurrentHashMap.newKeySet();
    private static final long READY_TIMEOUT_MILLIS = 10_000;
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final Path workDir;
    private final int port;
    private final TestCertificates tls;
    private final Map<String, String> users;
    private final TokenServer tokens;
    private volatile boolean closed;

    private RegistryServer(Process process, Path workDir, int port, TestCertificates tls, Map<String, String> users,
                           TokenServer tokens) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
        this.tls = tls;
        this.users = users;
        this.tokens = tokens;
    }

    /** Plain HTTP, no authentication. */
    public static RegistryServer startPlain(Path workDir) throws IOException {
        return start(workDir, null, Map.of(), null);
    }

    /** HTTPS with the given certificates and HTTP basic auth from an htpasswd file (bcrypt, {@code htpasswd -Bbn}). */
    public static RegistryServer startHtpasswdTls(Path workDir, TestCertificates tls, Map<String, String> users)
            throws IOException {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("htpasswd registry needs at least one user");
        }
        return start(workDir, tls, users, null);
    }

    /** Plain HTTP with bearer token auth from {@code tokens} (realm, service, issuer, rootcertbundle). */
    public static RegistryServer startTokenAuth(Path workDir, TokenServer tokens) throws IOException {
        return start(workDir, null, Map.of(), tokens);
    }

    private static RegistryServer start(Path workDir, TestCertificates tls, Map<String, String> users,
                                        TokenServer tokens) throws IOException {
        Path dir = workDir.toAbsolutePath().normalize();
        if (!WORK_DIRS_IN_USE.add(dir)) {
            throw new IllegalStateException("a running RegistryServer already uses " + dir + "; give each its own workDir");
        }
        try {
            Files.createDirectories(dir);
            Path htpasswd = users.isEmpty() ? null : writeHtpasswd(dir.resolve("htpasswd"), users);
            SSLContext sslContext = tls == null ? null : tls.sslContext();
            IOException lastFailure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = freePort();
                Files.writeString(dir.resolve("registry.yml"), config(dir, port, tls, htpasswd, tokens));
                Process process = new ProcessBuilder("docker-registry", "serve", dir.resolve("registry.yml").toString())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(dir.resolve("access.log").toFile())
                        .redirectError(dir.resolve("registry.log").toFile())
                        .start();
                ServerProcesses.track(process);
                RegistryServer server = new RegistryServer(process, dir, port, tls, Map.copyOf(users), tokens);
                try {
                    server.awaitReady(sslContext);
                    return server;
                } catch (IOException e) {
                    server.stopProcess();
                    lastFailure = e;
                    if (!e.getMessage().contains("address already in use")) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    server.stopProcess();
                    throw e;
                }
            }
            throw lastFailure;
        } catch (IOException | RuntimeException e) {
            WORK_DIRS_IN_USE.remove(dir);
            throw e;
        }
    }

    private static Path writeHtpasswd(Path file, Map<String, String> users) {
        StringBuilder lines = new StringBuilder();
        users.forEach((user, password) -> lines.append(new String(
                ExternalCommand.runOrThrow(List.of("htpasswd", "-Bbn", user, password), 30),
                StandardCharsets.UTF_8).strip()).append('\n'));
        try {
            return Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(Path dir, int port, TestCertificates tls, Path htpasswd, TokenServer tokens) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("""
                version: 0.1
                log:
                  level: info
                  formatter: text
                  accesslog:
                    disabled: false
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  cache:
                    blobdescriptor: inmemory
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:%d
                  secret: testkit-secret-%d
                  draintimeout: 1s
                """.formatted(quoted(dir.resolve("storage").toString()), port, port));
        if (tls != null) {
            yaml.append("""
                      tls:
                        certificate: %s
                        key: %s
                    """.formatted(quoted(tls.serverCertificate().toAbsolutePath().toString()),
                    quoted(tls.serverKey().toAbsolutePath().toString())));
        }
        yaml.append("""
                health:
                  storagedriver:
                    enabled: false
                """);
        if (htpasswd != null) {
            yaml.append("""
                    auth:
                      htpasswd:
                        realm: testkit-basic-realm
                        path: %s
                    """.formatted(quoted(htpasswd.toString())));
        } else if (tokens != null) {
            yaml.append("""
                    auth:
                      token:
                        realm: %s
                        service: %s
                        issuer: %s
                        rootcertbundle: %s
                    """.formatted(quoted(tokens.realm().toString()), quoted(tokens.service()),
                    quoted(tokens.issuer()), quoted(tokens.rootCertBundle().toAbsolutePath().toString())));
        }
        return yaml.toString();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A port that was free a moment ago; the caller retries if someone else takes it first. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(SSLContext sslContext) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + " before answering /v2/:\n"
                        + stderrTail());
            }
            int status = pollV2(sslContext);
            if (status == 200 || status == 401) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("docker-registry did not answer /v2/ within " + READY_TIMEOUT_MILLIS + " ms:\n"
                        + stderrTail());
            }
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for docker-registry", e);
            }
        }
    }

    /** Status of GET /v2/, or -1 while nothing listens yet. */
    private int pollV2(SSLContext sslContext) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) baseUri().resolve("/v2/").toURL().openConnection();
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(sslContext.getSocketFactory());
            }
            connection.setConnectTimeout(200);
            connection.setReadTimeout(2000);
            connection.setRequestProperty("User-Agent", "image-promotion-testkit/readiness");
            return connection.getResponseCode();
        } catch (IOException e) {
            return -1;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** "127.0.0.1:PORT", the registry part of image references. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** http://127.0.0.1:PORT or https://127.0.0.1:PORT. */
    public URI baseUri() {
        return URI.create((tls == null ? "http" : "https") + "://" + host());
    }

    public Path workDir() {
        return workDir;
    }

    /** The filesystem driver's rootdirectory. */
    public Path storageRoot() {
        return workDir.resolve("storage");
    }

    /** The TLS material if this registry serves HTTPS. */
    public Optional<TestCertificates> tls() {
        return Optional.ofNullable(tls);
    }

    /** htpasswd users and passwords (empty unless started with {@link #startHtpasswdTls}). */
    public Map<String, String> htpasswdUsers() {
        return users;
    }

    /** The token server if started with {@link #startTokenAuth}. */
    public Optional<TokenServer> tokenServer() {
        return Optional.ofNullable(tokens);
    }

    public Path accessLogFile() {
        return workDir.resolve("access.log");
    }

    /** The registry's application log (stderr). */
    public Path registryLogFile() {
        return workDir.resolve("registry.log");
    }

    /**
     * All requests logged so far, oldest first. A request's line is written when its handler finishes, which for
     * small responses is before the client sees the response; an incomplete last line is ignored.
     */
    public List<AccessLogEntry> accessLog() {
        List<String> lines = completeLines(accessLogFile());
        List<AccessLogEntry> entries = new ArrayList<>(lines.size());
        for (String line : lines) {
            entries.add(AccessLogEntry.parse(line));
        }
        return entries;
    }

    /** Number of requests logged so far; pass it to {@link #accessLogSince(int)} to see only later requests. */
    public int accessLogMark() {
        return completeLines(accessLogFile()).size();
    }

    public List<AccessLogEntry> accessLogSince(int mark) {
        List<AccessLogEntry> all = accessLog();
        return mark >= all.size() ? List.of() : List.copyOf(all.subList(mark, all.size()));
    }

    private static List<String> completeLines(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return text.substring(0, end).lines().toList();
    }

    /**
     * Flips every bit of the byte in the middle of the blob's data file. The size stays the same, so the registry's
     * in-memory descriptor cache keeps serving it and only a digest check by the client can notice.
     */
    public void corruptBlob(String digest) throws IOException {
        Path data = blobDataPath(digest);
        if (!Files.exists(data)) {
            throw new NoSuchFileException(data.toString(), null, "blob " + digest + " is not in this registry's storage");
        }
        try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
            if (file.length() == 0) {
                throw new IOException("blob " + digest + " is empty; nothing to corrupt");
            }
            long offset = file.length() / 2;
            file.seek(offset);
            int original = file.read();
            file.seek(offset);
            file.write(original ^ 0xFF);
        }
    }

    /** docker/registry/v2/blobs/sha256/&lt;2&gt;/&lt;hex&gt;/data (global, deduplicated across repositories). */
    public Path blobDataPath(String digest) {
        String hex = Sha256.hex(digest);
        return registryRoot().resolve("blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    /** True if {@code repository} links the blob (repositories/&lt;repo&gt;/_layers/sha256/&lt;hex&gt;/link). */
    public boolean hasBlobLinked(String repository, String digest) {
        return Files.exists(repositoryDir(repository).resolve("_layers/sha256").resolve(Sha256.hex(digest)).resolve("link"));
    }

    /** The digest the tag points to on disk (_manifests/tags/&lt;tag&gt;/current/link), empty if the tag is absent. */
    public Optional<String> tagDigestOnDisk(String repository, String tag) {
        if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new IllegalArgumentException("not a valid tag: " + tag);
        }
        Path link = repositoryDir(repository).resolve("_manifests/tags").resolve(tag).resolve("current/link");
        try {
            return Optional.of(Files.readString(link, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if the manifest is stored in the repository (_manifests/revisions/sha256/&lt;hex&gt;/link). */
    public boolean hasManifestRevision(String repository, String digest) {
        return Files.exists(repositoryDir(repository).resolve("_manifests/revisions/sha256")
                .resolve(Sha256.hex(digest)).resolve("link"));
    }

    private Path registryRoot() {
        return storageRoot().resolve("docker/registry/v2");
    }

    private Path repositoryDir(String repository) {
        if (!repository.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*")) {
            throw new IllegalArgumentException("not a valid repository name: " + repository);
        }
        return registryRoot().resolve("repositories").resolve(repository);
    }

    /** Last lines of the registry's stderr, for failure messages. */
    public String stderrTail() {
        try {
            List<String> lines = Files.readAllLines(registryLogFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no registry log: " + e.getMessage() + ")";
        }
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The process's exit status (137 after {@link #kill()}); only once it is no longer running. */
    public int exitValue() {
        return process.exitValue();
    }

    /**
     * SIGKILL, as a crash or the OOM killer ends a registry: no drain, requests in flight are cut off. Storage and logs
     * stay; {@link #restart()} serves the same storage again. Idempotent, and {@link #close()} after it does nothing.
     */
    public void kill() {
        if (closed) {
            return;
        }
        closed = true;
        ServerProcesses.kill(process);
        WORK_DIRS_IN_USE.remove(workDir);
    }

    /**
     * A new registry on this one's workDir (same storage, same TLS and authentication), on a new port; the access and
     * registry logs start empty. This registry must be stopped ({@link #close()}) or {@link #kill() killed} first.
     */
    public RegistryServer restart() throws IOException {
        if (!closed) {
            throw new IllegalStateException("stop or kill " + this + " before restarting it on the same storage");
        }
        return start(workDir, tls, users, tokens);
    }

    /** SIGTERM, wait up to 10 s (draintimeout is 1 s), then SIGKILL. Storage and logs stay. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        WORK_DIRS_IN_USE.remove(workDir);
    }

    private void stopProcess() {
        ServerProcesses.stop(process);
    }

    @Override
    public String toString() {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("uri", baseUri());
        parts.put("auth", tls != null ? "htpasswd+tls" : tokens != null ? "token" : "none");
        parts.put("workDir", workDir);
        return "RegistryServer" + parts;
    }
}
