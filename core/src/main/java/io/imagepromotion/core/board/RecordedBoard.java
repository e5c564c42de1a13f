package io.imagepromotion.core.board;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ledger.HistoryEntry;
import io.imagepromotion.core.ledger.RecordKind;
import io.imagepromotion.core.ledger.SignatureCheck;
import io.imagepromotion.core.ref.ImageReference;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link Board} from the promotions a CI server recorded instead of from the registry's ledger: no request
 * at all, unless the caller read the tags' current digests ({@code live}) and passes them in. Lanes are the target
 * tags, in the order they were first promoted to in the records given (a pipeline that promotes dev, then staging,
 * then prod gets those lanes in that order). Without a live read every lane is {@link LaneState#NOT_CHECKED} and
 * shows the digest its newest record put there; with one, a tag that holds something else is {@link LaneState#DRIFT}.
 */
public final class RecordedBoard {
    private RecordedBoard() {
    }

    /**
     * @param oldestFirst   the records, oldest first (the order a job's builds and each build's records were made in)
     * @param live          what each tag holds now (empty: the tag does not exist), or {@code null} when the registry was
     *                      not read; a lane missing from the map is not checked
     * @param readAt        when the board is built; durations are measured to it
     * @param eventsPerLane how many of a lane's newest changes to keep, 1 to {@link BoardReader#MAX_EVENTS}
     */
    public static Board build(List<RecordedPromotion> oldestFirst, Map<ImageReference, Optional<Digest>> live,
                              Instant readAt, int eventsPerLane) {
        Objects.requireNonNull(readAt, "readAt");
        if (eventsPerLane < 1 || eventsPerLane > BoardReader.MAX_EVENTS) {
            throw new InvalidInputException("a board shows 1 to " + BoardReader.MAX_EVENTS + " changes per lane, not "
                    + eventsPerLane);
        }
        Map<ImageReference, List<RecordedPromotion>> byTag = new LinkedHashMap<>();
        for (RecordedPromotion p : oldestFirst) {
            byTag.computeIfAbsent(p.tag(), k -> new ArrayList<>()).add(p);
        }
        List<Lane> lanes = new ArrayList<>();
        byTag.forEach((tag, records) -> {
            Optional<Digest> now = live == null ? null : live.get(tag);
            lanes.add(lane(tag, records, now, readAt, eventsPerLane));
        });
        return new Board(readAt, lanes, BoardReader.placements(lanes));
    }

    /** @param now what the tag holds, {@code null} when not checked */
    private static Lane lane(ImageReference tag, List<RecordedPromotion> oldestFirst, Optional<Digest> now, Instant readAt,
                             int limit) {
        List<RecordedPromotion> records = new ArrayList<>(oldestFirst);
        Collections.reverse(records);
        RecordedPromotion newest = records.get(0);
        boolean checked = now != null;
        Digest current = checked ? now.orElse(null) : newest.digest();
        boolean inSync = newest.digest().equals(current);
        List<LaneEvent> events = new ArrayList<>();
        if (checked && !inSync) {
            events.add(handMove(newest.digest(), current));
        }
        for (int i = 0; i < records.size() && events.size() < limit; i++) {
            RecordedPromotion r = records.get(i);
            events.add(new LaneEvent(RecordKind.PROMOTION, r.digest(), r.previousDigest(), r.promotedAt(), r.approvedBy()));
            if (i + 1 < records.size() && events.size() < limit) {
                Digest before = records.get(i + 1).digest();
                // The tag held something else when this promotion read it: moved by hand in between.
                if (!before.equals(r.previousDigest())) {
                    events.add(handMove(before, r.previousDigest()));
                }
            }
        }
        LaneState state = !checked ? LaneState.NOT_CHECKED : inSync ? LaneState.IN_SYNC : LaneState.DRIFT;
        Instant since = state == LaneState.DRIFT ? null : newest.promotedAt();
        Duration there = since == null ? null : max(Duration.between(since, readAt), Duration.ZERO);
        String environment = newest.environment() == null || newest.environment().isEmpty() ? tag.tag() : newest.environment();
        return new Lane(tag, environment, current, state, lastRecord(newest, environment), since, there, events);
    }

    private static HistoryEntry lastRecord(RecordedPromotion r, String environment) {
        List<Approval> approvals = new ArrayList<>();
        for (String user : r.approvedBy()) {
            if (user != null && !user.isBlank()) {
                approvals.add(new Approval(user, r.promotedAt(), ApprovalAuthority.asserted()));
            }
        }
        return new HistoryEntry(RecordKind.PROMOTION, r.digest(), r.previousDigest(), environment, r.promotedAt(), approvals,
                r.ciRunUrl(), r.source(), null, null, null, SignatureCheck.NOT_CHECKED);
    }

    private static LaneEvent handMove(Digest from, Digest to) {
        return new LaneEvent(RecordKind.HAND_MOVE, to, from, null, List.of());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
