package io.imagepromotion.core.board;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ledger.HistoryEntry;
import io.imagepromotion.core.ledger.LedgerEntries;
import io.imagepromotion.core.ledger.RecordKind;
import io.imagepromotion.core.ledger.RecordVerifier;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a {@link Board} from the registries. The number of requests does not grow with the length of the history:
 * per repository one GET per ledger page needed (one while its head page holds the lanes' last records, 256 entries),
 * and per lane one HEAD of the tag and, when it has records, one blob GET for its newest record. docs/benchmarks.md
 * has the count for 3 lanes of 50 records.
 */
public final class BoardReader {
    public static final int DEFAULT_EVENTS = 20;
    public static final int MAX_EVENTS = 200;

    private final RegistryClient client;
    private final RecordVerifier verifier;
    private final Clock clock;

    public BoardReader(RegistryClient client, RecordVerifier verifier, Clock clock) {
        this.client = client;
        this.verifier = verifier;
        this.clock = clock;
    }

    public BoardReader(RegistryClient client) {
        this(client, RecordVerifier.NONE, Clock.systemUTC());
    }

    /** The board of {@code lanes} (tags, in the order to show), each with its last {@code eventsPerLane} changes. */
    public Board read(List<ImageReference> lanes, int eventsPerLane) {
        validate(lanes, eventsPerLane);
        Instant readAt = clock.instant();
        // One pass over each repository's pages serves all of its lanes.
        Map<String, List<ImageReference>> byRepository = new LinkedHashMap<>();
        for (ImageReference lane : lanes) {
            byRepository.computeIfAbsent(lane.name(), k -> new ArrayList<>()).add(lane);
        }
        Map<ImageReference, List<LedgerEntries.Entry>> entries = new LinkedHashMap<>();
        for (List<ImageReference> repositoryLanes : byRepository.values()) {
            ImageReference repository = repositoryLanes.get(0);
            Map<String, List<LedgerEntries.Entry>> found = LedgerEntries.newestFirst(client, repository,
                    repositoryLanes.stream().map(ImageReference::tag).toList(), eventsPerLane + 1);
            for (ImageReference lane : repositoryLanes) {
                entries.put(lane, found.get(lane.tag()));
            }
        }
        List<Lane> out = new ArrayList<>();
        for (ImageReference lane : lanes) {
            out.add(lane(lane, entries.get(lane), eventsPerLane, readAt));
        }
        return new Board(readAt, out, placements(out));
    }

    private Lane lane(ImageReference tag, List<LedgerEntries.Entry> entries, int limit, Instant readAt) {
        Digest current = client.headManifest(tag).map(RegistryClient.ManifestHead::digest).orElse(null);
        if (entries.isEmpty()) {
            return new Lane(tag, tag.tag(), current, LaneState.UNRECORDED, null, null, null, List.of());
        }
        LedgerEntries.Entry newest = entries.get(0);
        HistoryEntry lastRecord = LedgerEntries.open(client, tag, newest, verifier);
        List<LaneEvent> events = new ArrayList<>();
        if (!newest.digest().equals(current)) {
            events.add(handMove(newest.digest(), current));
        }
        for (int i = 0; i < entries.size() && events.size() < limit; i++) {
            LedgerEntries.Entry e = entries.get(i);
            events.add(new LaneEvent(e.kind(), e.digest(), e.previousDigest(), e.recordedAt(), e.approvedBy()));
            if (i + 1 < entries.size() && events.size() < limit) {
                Digest before = entries.get(i + 1).digest();
                if (!before.equals(e.previousDigest())) {
                    events.add(handMove(before, e.previousDigest()));
                }
            }
        }
        boolean inSync = newest.digest().equals(current);
        Instant since = inSync ? lastRecord.recordedAt() : null;
        Duration there = since == null ? null : max(Duration.between(since, readAt), Duration.ZERO);
        String environment = lastRecord.environment() == null || lastRecord.environment().isEmpty()
                ? tag.tag() : lastRecord.environment();
        return new Lane(tag, environment, current, inSync ? LaneState.IN_SYNC : LaneState.DRIFT, lastRecord, since,
                there, events);
    }

    private static LaneEvent handMove(Digest from, Digest to) {
        return new LaneEvent(RecordKind.HAND_MOVE, to, from, null, List.of());
    }

    static List<DigestPlacement> placements(List<Lane> lanes) {
        Map<Digest, List<Integer>> holders = new LinkedHashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            Digest d = lanes.get(i).current();
            if (d != null) {
                holders.computeIfAbsent(d, k -> new ArrayList<>()).add(i);
            }
        }
        List<DigestPlacement> out = new ArrayList<>();
        holders.forEach((digest, held) -> {
            int last = held.get(held.size() - 1);
            out.add(new DigestPlacement(digest, held, last + 1 < lanes.size() ? last + 1 : -1));
        });
        return out;
    }

    private static void validate(List<ImageReference> lanes, int eventsPerLane) {
        if (lanes == null || lanes.isEmpty()) {
            throw new InvalidInputException("a board needs at least one environment tag, e.g. registry/app:staging");
        }
        Set<ImageReference> seen = new HashSet<>();
        for (ImageReference lane : lanes) {
            Objects.requireNonNull(lane, "lane");
            if (lane.tag() == null || lane.digest() != null) {
                throw new InvalidInputException("board lane " + lane + " is not a tag: name each environment by its tag,"
                        + " e.g. " + lane.name() + ":staging");
            }
            if (!seen.add(lane)) {
                throw new InvalidInputException("board lane " + lane + " is given twice; name each environment once");
            }
        }
        if (eventsPerLane < 1 || eventsPerLane > MAX_EVENTS) {
            throw new InvalidInputException("a board shows 1 to " + MAX_EVENTS + " changes per lane, not " + eventsPerLane);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
