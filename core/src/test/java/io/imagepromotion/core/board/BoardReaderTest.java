package io.imagepromotion.core.board;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ledger.RecordKind;
import io.imagepromotion.core.ledger.RecordVerifier;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board read from a real ledger on a real registry: states, placements, changes, and what reading costs. */
class BoardReaderTest {
    private static Digest push(Path dir, RegistryServer registry, String tag, long seed) {
        TestImage image = TestImages.oci(dir.resolve(tag), 1, 4 * 1024, seed);
        Skopeo.forRegistry(registry).push(image, registry.host() + "/app:" + tag);
        return Digest.parse(image.digest());
    }

    private static List<ImageReference> lanes(String host, String... tags) {
        return java.util.Arrays.stream(tags).map(t -> ImageReference.parse(host + "/app:" + t)).toList();
    }

    @Test
    void lanesShowSyncDriftUnrecordedWaitingRollbackAndHandMove(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"));
             BoardLedger ledger = new BoardLedger()) {
            String h = registry.host() + "/app:";
            Digest b1 = push(dir, registry, "b1", 1);
            Digest b2 = push(dir, registry, "b2", 2);
            Digest b3 = push(dir, registry, "b3", 3);
            push(dir, registry, "qa", 4);
            ledger.promote(h + "b1", h + "dev", "development");
            ledger.promote(h + "b2", h + "dev", "development");
            ledger.promote(h + "b3", h + "dev", "development");
            ledger.promote(h + "b1", h + "staging", "staging");
            ledger.promote(h + "b2", h + "staging", "staging");
            assertEquals(b1, ledger.rollBack(h + "staging", "staging"));
            Skopeo.forRegistry(registry).copy(h + "b3", h + "staging"); // by hand
            ledger.promote(h + "b1", h + "prod", "production");

            Board board = new BoardReader(ledger.client()).read(lanes(registry.host(), "dev", "staging", "prod", "qa"), 10);

            Lane dev = board.lanes().get(0);
            Lane staging = board.lanes().get(1);
            Lane prod = board.lanes().get(2);
            Lane qa = board.lanes().get(3);
            assertEquals(List.of("development", "staging", "production", "qa"),
                    board.lanes().stream().map(Lane::environment).toList());
            assertEquals(LaneState.IN_SYNC, dev.state());
            assertEquals(b3, dev.current());
            assertEquals(dev.lastRecord().recordedAt(), dev.since());
            assertNotNull(dev.there());
            assertEquals("https://ci.example.com/job/app/7/", dev.lastRecord().ciRunUrl());
            assertEquals("alice", dev.lastRecord().approvals().get(0).userId());

            assertEquals(LaneState.DRIFT, staging.state());
            assertEquals(b3, staging.current());
            assertNull(staging.since(), "when a hand move happened is unknown");
            assertEquals(List.of(RecordKind.HAND_MOVE, RecordKind.ROLLBACK, RecordKind.PROMOTION, RecordKind.PROMOTION),
                    staging.events().stream().map(LaneEvent::kind).toList());
            assertEquals(List.of(b3, b1, b2, b1), staging.events().stream().map(LaneEvent::digest).toList());
            assertEquals(List.of("bob"), staging.events().get(1).approvedBy());

            assertEquals(LaneState.IN_SYNC, prod.state());
            assertEquals(LaneState.UNRECORDED, qa.state());
            assertNotNull(qa.current());
            assertNull(qa.lastRecord());

            DigestPlacement third = board.placement(b3).orElseThrow();
            assertEquals(List.of(0, 1), third.lanes());
            assertEquals(2, third.waitingFor(), "b3 is in dev and staging, not yet in prod");
            DigestPlacement first = board.placement(b1).orElseThrow();
            assertEquals(List.of(2), first.lanes());
            assertTrue(first.waiting(), "prod is followed by qa in this lane order");
            assertFalse(board.placement(b2).isPresent(), "no lane holds b2 now");
        }
    }

    @Test
    void threeLanesOfFiftyRecordsAreReadWithOnePageGetAndTwoRequestsPerLane(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"));
             BoardLedger ledger = new BoardLedger()) {
            String h = registry.host() + "/app:";
            push(dir, registry, "b1", 11);
            push(dir, registry, "b2", 12);
            for (String lane : List.of("dev", "staging", "prod")) {
                for (int i = 0; i < 50; i++) {
                    ledger.promote(h + (i % 2 == 0 ? "b1" : "b2"), h + lane, lane);
                }
            }
            BoardReader reader = new BoardReader(ledger.client(), RecordVerifier.NONE, Clock.systemUTC());
            int mark = settledAccessLogMark(registry);
            Board board = reader.read(lanes(registry.host(), "dev", "staging", "prod"), 50);
            List<AccessLogEntry> requests = since(registry, mark, 7);

            assertEquals(7, requests.size(), describe(requests));
            assertEquals(1, count(requests, "GET", "/manifests/promotion-ledger"), describe(requests));
            assertEquals(3, count(requests, "HEAD", "/manifests/"), describe(requests));
            assertEquals(3, count(requests, "GET", "/blobs/"), describe(requests));
            for (Lane lane : board.lanes()) {
                assertEquals(50, lane.events().size(), lane.tag().toString());
                assertEquals(LaneState.IN_SYNC, lane.state());
                assertTrue(lane.events().stream().noneMatch(LaneEvent::handMove), lane.events().toString());
            }
        }
    }

    @Test
    void aDigestLaneOrALaneGivenTwiceIsRefusedBeforeAnyRequest(@TempDir Path dir) throws Exception {
        try (BoardLedger ledger = new BoardLedger()) {
            BoardReader reader = new BoardReader(ledger.client());
            ImageReference staging = ImageReference.parse("localhost:1/app:staging");
            InvalidInputException digest = assertThrows(InvalidInputException.class, () -> reader.read(List.of(
                    ImageReference.parse("localhost:1/app@sha256:" + "a".repeat(64))), 5));
            assertTrue(digest.getMessage().contains("is not a tag"), digest.getMessage());
            InvalidInputException twice = assertThrows(InvalidInputException.class, () -> reader.read(List.of(staging, staging), 5));
            assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
            assertThrows(InvalidInputException.class, () -> reader.read(List.of(), 5));
        }
    }

    /**
     * The registry writes an access-log line after it answered, so under load the setup's last request can be logged
     * after a plain mark; wait until the log stops growing for half a second before marking.
     */
    private static int settledAccessLogMark(RegistryServer server) throws InterruptedException {
        int mark = server.accessLogMark();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            int now = server.accessLogMark();
            if (now == mark) {
                return mark;
            }
            mark = now;
        }
        return mark;
    }

    private static List<AccessLogEntry> since(RegistryServer server, int mark, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (server.accessLogSince(mark).size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // and nothing more arrives
        return server.accessLogSince(mark);
    }

    private static long count(List<AccessLogEntry> entries, String method, String pathPart) {
        return entries.stream().filter(e -> e.method().equals(method) && e.pathAndQuery().contains(pathPart)).count();
    }

    private static String describe(List<AccessLogEntry> entries) {
        StringBuilder out = new StringBuilder();
        entries.forEach(e -> out.append("\n  ").append(e.method()).append(' ').append(e.pathAndQuery()).append(' ').append(e.status()));
        return out.toString();
    }
}
