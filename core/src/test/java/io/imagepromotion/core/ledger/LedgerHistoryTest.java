package io.imagepromotion.core.ledger;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tag's history read back from a real registry: order, predecessor links, hand moves, garbage collection. */
class LedgerHistoryTest {
    private static final TransportSettings PLAIN = TransportSettings.defaults();

    private static TestImage push(Path dir, RegistryServer registry, String name, long seed) {
        TestImage image = TestImages.oci(dir.resolve(name), 1, 8 * 1024, seed);
        Skopeo.forRegistry(registry).push(image, registry.host() + "/app:" + name);
        return image;
    }

    @Test
    void historyIsNewestFirstLinksEachRecordToItsPredecessorAndMarksAHandMove(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"))) {
            String host = registry.host();
            TestImage b1 = push(dir, registry, "b1", 1);
            TestImage b2 = push(dir, registry, "b2", 2);
            TestImage b3 = push(dir, registry, "b3", 3);
            Ledgers.promoteAndRecord(PLAIN, host + "/app:b1", host + "/app:staging", "staging");
            RecordOutcome second = Ledgers.promoteAndRecord(PLAIN, host + "/app:b2", host + "/app:staging", "staging").get(0);
            Skopeo.forRegistry(registry).copy(host + "/app:b3", host + "/app:staging");

            TagHistory history = Ledgers.history(PLAIN, host + "/app:staging", 10);
            assertEquals(Digest.parse(b3.digest()), history.current());
            assertTrue(history.drift());
            List<HistoryEntry> e = history.entries();
            assertEquals(3, e.size(), e.toString());
            assertEquals(RecordKind.HAND_MOVE, e.get(0).kind());
            assertEquals(Digest.parse(b2.digest()), e.get(0).previousDigest());
            assertEquals(Digest.parse(b3.digest()), e.get(0).digest());
            assertEquals(Digest.parse(b2.digest()), e.get(1).digest());
            assertEquals(Digest.parse(b1.digest()), e.get(1).previousDigest());
            assertEquals(Digest.parse(b1.digest()), e.get(2).digest());
            assertEquals(e.get(2).statement(), predecessorOf(host, second));
            assertEquals("alice", e.get(1).approvals().get(0).userId());
        }
    }

    @Test
    void aHandMoveBetweenTwoPromotionsIsMarkedBetweenThem(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"))) {
            String host = registry.host();
            TestImage b1 = push(dir, registry, "b1", 11);
            TestImage b2 = push(dir, registry, "b2", 12);
            TestImage b3 = push(dir, registry, "b3", 13);
            Ledgers.promoteAndRecord(PLAIN, host + "/app:b1", host + "/app:prod", "production");
            Skopeo.forRegistry(registry).copy(host + "/app:b3", host + "/app:prod");
            Ledgers.promoteAndRecord(PLAIN, host + "/app:b2", host + "/app:prod", "production");

            List<HistoryEntry> e = Ledgers.history(PLAIN, host + "/app:prod", 10).entries();
            assertEquals(List.of(RecordKind.PROMOTION, RecordKind.HAND_MOVE, RecordKind.PROMOTION),
                    e.stream().map(HistoryEntry::kind).toList());
            assertEquals(Digest.parse(b3.digest()), e.get(0).previousDigest());
            assertEquals(Digest.parse(b1.digest()), e.get(1).previousDigest());
            assertEquals(Digest.parse(b3.digest()), e.get(1).digest());
            assertEquals(Digest.parse(b2.digest()), e.get(0).digest());
        }
    }

    @Test
    void historyStillReadsAfterGarbageCollectDeleteUntaggedOnAStoppedRegistry(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("registry");
        String recordDigest;
        TestImage b1;
        TestImage b2;
        try (RegistryServer registry = RegistryServer.startPlain(work)) {
            String host = registry.host();
            b1 = push(dir, registry, "b1", 21);
            b2 = push(dir, registry, "b2", 22);
            Ledgers.promoteAndRecord(PLAIN, host + "/app:b1", host + "/app:staging", "staging");
            recordDigest = Ledgers.promoteAndRecord(PLAIN, host + "/app:b2", host + "/app:staging", "staging").get(0).record().toString();
        }
        Process gc = new ProcessBuilder("docker-registry", "garbage-collect", "--delete-untagged",
                work.resolve("registry.yml").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gc.log").toFile()).start();
        assertTrue(gc.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, gc.exitValue(), java.nio.file.Files.readString(dir.resolve("gc.log")));
        assertTrue(java.nio.file.Files.readString(dir.resolve("gc.log")).contains("deleting manifest"),
                "the collection deleted manifests");
        try (RegistryServer registry = RegistryServer.startPlain(work)) {
            String host = registry.host();
            try (RegistryTransport transport = new RegistryTransport(PLAIN)) {
                // The untagged referrer manifest is gone, as measured; the ledger is what survives.
                assertFalse(new RegistryClient(transport).headManifest(ImageReference.parse(host + "/app@" + recordDigest)).isPresent(),
                        "garbage-collect --delete-untagged deleted the untagged record manifest");
            }
            TagHistory history = Ledgers.history(PLAIN, host + "/app:staging", 10);
            assertEquals(List.of(Digest.parse(b2.digest()), Digest.parse(b1.digest())),
                    history.records().stream().map(HistoryEntry::digest).toList());
            assertFalse(history.drift());
            // Recording goes on after the collection, although the fallback index still lists the deleted record.
            Ledgers.promoteAndRecord(PLAIN, host + "/app:b1", host + "/app:staging", "staging");
            assertEquals(3, Ledgers.history(PLAIN, host + "/app:staging", 10).records().size());
        }
    }

    private static Digest predecessorOf(String host, RecordOutcome outcome) {
        try (RegistryTransport transport = new RegistryTransport(PLAIN)) {
            byte[] statement = new RegistryClient(transport).getBlob(ImageReference.parse(host + "/app"), outcome.statement(), 65536);
            return PromotionRecord.fromStatement(statement, "test").predecessor();
        }
    }
}
