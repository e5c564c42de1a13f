package io.imagepromotion.core.ledger;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.referrers.FallbackTag;
import io.imagepromotion.core.referrers.ReferrersIndex;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight writers in eight JVMs record promotions of one digest at the same moment: the fallback index of that digest
 * and the repository's ledger page are both read-modify-write tags, which distribution 2.8.2 lets concurrent writers
 * overwrite (1 of 10 entries survived, measured). Every record must survive in both.
 */
class ConcurrentRecordWritersTest {
    static final int WRITERS = 8;

    @Test
    void eightWriterProcessesForOneDigestLoseNoRecord(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"))) {
            String host = registry.host();
            TestImage image = TestImages.oci(dir.resolve("image"), 1, 8 * 1024, 81);
            Skopeo skopeo = Skopeo.forRegistry(registry);
            for (int i = 1; i <= WRITERS; i++) {
                skopeo.push(image, host + "/app:t" + i);
            }
            Path go = dir.resolve("go");
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<Process> writers = new ArrayList<>();
            for (int i = 1; i <= WRITERS; i++) {
                writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", classPath, RecordWriterProcess.class.getName(), host + "/app:t" + i, image.digest(),
                        dir.resolve("locks").toString(), go.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + i + ".log").toFile()).start());
            }
            Thread.sleep(1500); // every JVM started and waiting
            Files.writeString(go, "go");
            Set<String> statements = new HashSet<>();
            Set<String> records = new HashSet<>();
            for (int i = 0; i < WRITERS; i++) {
                Process p = writers.get(i);
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "writer " + (i + 1) + " finished");
                String out = Files.readString(dir.resolve("writer-" + (i + 1) + ".log")).strip();
                assertEquals(0, p.exitValue(), out);
                String[] parts = out.lines().reduce((a, b) -> b).orElse("").split(" ");
                assertEquals("true", parts[0], out);
                statements.add(parts[1]);
                records.add(parts[2]);
            }
            assertEquals(WRITERS, statements.size());
            try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
                RegistryClient client = new RegistryClient(transport);
                RawManifest fallback = client.getManifest(ImageReference.parse(host + "/app:" + FallbackTag.of(Digest.parse(image.digest()))));
                ReferrersIndex index = ReferrersIndex.parse(fallback.bytes(), "fallback");
                for (String r : records) {
                    assertTrue(index.contains(Digest.parse(r)), "fallback index lost record " + r);
                }
                assertEquals(WRITERS, index.manifests().size());
                String page = new String(client.getManifest(ImageReference.parse(host + "/app:" + LedgerFormat.LEDGER_TAG)).bytes(),
                        StandardCharsets.UTF_8);
                for (String s : statements) {
                    assertTrue(page.contains(s), "ledger page lost statement " + s);
                }
            }
            for (int i = 1; i <= WRITERS; i++) {
                assertEquals(1, Ledgers.history(TransportSettings.defaults(), host + "/app:t" + i, 5).records().size());
            }
        }
    }
}
