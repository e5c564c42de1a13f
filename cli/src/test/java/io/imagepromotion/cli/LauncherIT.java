package io.imagepromotion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/promote} as users run it, after the jars are built: the class-data-sharing archive is made once, in the
 * background after the first copy, and nothing the JVM options add ever reaches stdout, which carries results.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {
    private final Path launcher = Path.of(System.getProperty("promote.launcher", "../bin/promote")).toAbsolutePath().normalize();
    RegistryServer registry;
    TestImage image;
    Path home;
    Path cache;

    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        image = TestImages.oci(dir.resolve("image"), 2, 64 * 1024, 31);
        Skopeo.forRegistry(registry).push(image, registry.host() + "/src/app:1");
        home = Files.createDirectories(dir.resolve("home"));
        cache = home.resolve(".cache/image-promotion");
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    private Run promote(String... args) throws IOException, InterruptedException {
        return promote(Map.of(), args);
    }

    private Run promote(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeAll(List.of("XDG_CACHE_HOME", "DOCKER_CONFIG", "PROMOTE_CDS", "PROMOTE_JAVA_OPTS",
                "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        env.put("HOME", home.toString());
        env.putAll(extraEnv);
        Process process = builder.start();
        process.getOutputStream().close();
        // Read both to their end: a background dump holding our pipes would hang here.
        var stderr = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try {
                stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                stderr.completeExceptionally(e);
            }
        });
        reader.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "bin/promote did not finish");
        return new Run(process.exitValue(), stdout, stderr.join());
    }

    private List<String> cacheFiles() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The background dump is done when no class list or half-written archive is left. */
    private List<String> awaitDump() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<String> files = cacheFiles();
        while (files.stream().anyMatch(f -> f.endsWith(".classlist") || f.endsWith(".tmp")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            files = cacheFiles();
        }
        return files;
    }

    @Test
    @Order(1)
    void otherCommandsMakeNoArchive() throws Exception {
        Run version = promote("--version");
        assertEquals(0, version.exit(), version.stderr());
        assertEquals(List.of(), awaitDump(), "--version must not record an archive");
    }

    @Test
    @Order(2)
    void theFirstCopyLeavesOneArchiveMadeInTheBackground() throws Exception {
        Run first = promote("copy", registry.host() + "/src/app:1", registry.host() + "/dst/app:1");
        assertEquals(0, first.exit(), first.stderr());
        // Only the result line: nothing from the JVM's options (CDS, CompileCommand) on stdout.
        assertEquals(1, first.stdout().lines().count(), first.stdout());
        assertTrue(first.stdout().startsWith("promoted " + registry.host() + "/src/app:1 (" + image.digest() + ")"), first.stdout());
        List<String> files = awaitDump();
        assertEquals(1, files.size(), "files: " + files);
        assertTrue(files.get(0).matches("promote-\\d+-\\d+\\.jsa"), files.get(0));
        assertTrue(Files.size(cache.resolve(files.get(0))) > 1_000_000, "an archive of the copy's classes");
    }

    @Test
    @Order(3)
    void laterCopiesMapTheArchiveAndKeepStdoutForTheJsonResult() throws Exception {
        List<String> before = awaitDump();
        Run second = promote("copy", "--json", registry.host() + "/src/app:1", registry.host() + "/dst/app:2");
        assertEquals(0, second.exit(), second.stderr());
        JsonNode result = new ObjectMapper().readTree(second.stdout());
        assertEquals(image.digest(), result.path("digest").asText(), second.stdout());
        assertEquals(before, awaitDump(), "the archive is reused, not made again");
        assertEquals(image.digest(), Skopeo.forRegistry(registry).digest(registry.host() + "/dst/app:2"));
    }

    @Test
    @Order(4)
    void theOptimizingJitIsKeptOnlyWhereBlobsStreamThroughTheProcess(@TempDir Path otherRegistryDir) throws Exception {
        try (RegistryServer other = RegistryServer.startPlain(otherRegistryDir)) {
            Map<String, String> printFlags = Map.of("PROMOTE_JAVA_OPTS", "-XX:+PrintFlagsFinal");
            // Same registry: mounts, no data through the JVM, so C1 alone (options with values must not be taken
            // for references).
            Run mounts = promote(printFlags, "copy", "--insecure-registry", other.host(), registry.host() + "/src/app:1",
                    registry.host() + "/jit/app:1");
            assertEquals(0, mounts.exit(), mounts.stderr());
            assertTrue(mounts.stdout().lines().anyMatch(l -> l.matches("\\s*intx TieredStopAtLevel\\s+= 1 .*")),
                    "C1 only for a same-registry copy");
            // Another registry: the blobs stream through and are hashed, so C2 with its SHA-256 intrinsic.
            Run streams = promote(printFlags, "copy", registry.host() + "/src/app:1", other.host() + "/jit/app:1");
            assertEquals(0, streams.exit(), streams.stderr());
            assertTrue(streams.stdout().lines().anyMatch(l -> l.matches("\\s*intx TieredStopAtLevel\\s+= 4 .*")),
                    "the optimizing JIT for a cross-registry copy");
            assertEquals(image.digest(), Skopeo.forRegistry(other).digest(other.host() + "/jit/app:1"));
        }
    }

    @Test
    @Order(5)
    void cdsOffRecordsNothing() throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Run run = promote(Map.of("PROMOTE_CDS", "off"), "copy", registry.host() + "/src/app:1", registry.host() + "/dst/app:3");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(List.of(), awaitDump());
    }
}
