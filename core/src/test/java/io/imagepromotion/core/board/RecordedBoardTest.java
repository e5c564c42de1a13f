package io.imagepromotion.core.board;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.RecordKind;
import io.imagepromotion.core.ref.ImageReference;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Boards from a CI server's promotion records: lane order, states with and without a live read, inferred hand moves. */
class RecordedBoardTest {
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final Digest A = Digest.sha256(new byte[]{1});
    private static final Digest B = Digest.sha256(new byte[]{2});
    private static final Digest C = Digest.sha256(new byte[]{3});
    private static final ImageReference DEV = ImageReference.parse("reg.example.com/app:dev");
    private static final ImageReference STAGING = ImageReference.parse("reg.example.com/app:staging");
    private static final ImageReference PROD = ImageReference.parse("reg.example.com/app:prod");

    private static RecordedPromotion promoted(ImageReference tag, String environment, Digest digest, Digest previous, int minute) {
        return new RecordedPromotion(tag, environment, digest, previous, T0.plus(Duration.ofMinutes(minute)), List.of("alice"),
                "https://ci.example.com/job/app/" + minute + "/", "reg.example.com/app@" + digest);
    }

    @Test
    void lanesFollowTheOrderTagsWereFirstPromotedToAndHoldTheirNewestRecordedDigest() {
        List<RecordedPromotion> records = List.of(
                promoted(DEV, "dev", A, null, 0), promoted(STAGING, "staging", A, null, 1),
                promoted(DEV, "dev", B, A, 2), promoted(PROD, "production", A, null, 3));
        Board board = RecordedBoard.build(records, null, T0.plus(Duration.ofMinutes(10)), 20);

        assertEquals(List.of(DEV, STAGING, PROD), board.lanes().stream().map(Lane::tag).toList());
        Lane dev = board.lanes().get(0);
        assertEquals(B, dev.current());
        assertEquals(LaneState.NOT_CHECKED, dev.state());
        assertEquals(T0.plus(Duration.ofMinutes(2)), dev.since());
        assertEquals(Duration.ofMinutes(8), dev.there());
        assertEquals(List.of(B, A), dev.events().stream().map(LaneEvent::digest).toList());
        assertEquals("production", board.lanes().get(2).environment());
        assertEquals("https://ci.example.com/job/app/3/", board.lanes().get(2).lastRecord().ciRunUrl());
        assertEquals("alice", board.lanes().get(2).lastRecord().approvals().get(0).userId());
        // A is held by staging and prod; B by dev only, so B waits for staging.
        DigestPlacement b = board.placement(B).orElseThrow();
        assertTrue(b.waiting());
        assertEquals(1, b.waitingFor());
    }

    @Test
    void aLaneWithoutAnEnvironmentIsNamedByItsTag() {
        Board board = RecordedBoard.build(List.of(promoted(DEV, null, A, null, 0)), null, T0, 20);
        assertEquals("dev", board.lanes().get(0).environment());
    }

    @Test
    void aLiveReadMarksATagThatHoldsSomethingElseAsDriftWithAHandMove() {
        List<RecordedPromotion> records = List.of(promoted(STAGING, "staging", A, null, 0), promoted(PROD, "prod", A, null, 1));
        Board board = RecordedBoard.build(records, Map.of(STAGING, Optional.of(A), PROD, Optional.of(C)), T0.plusSeconds(600), 20);

        Lane staging = board.lanes().get(0);
        assertEquals(LaneState.IN_SYNC, staging.state());
        Lane prod = board.lanes().get(1);
        assertEquals(LaneState.DRIFT, prod.state());
        assertEquals(C, prod.current());
        assertNull(prod.since(), "since when a hand-moved tag holds its digest is unknown");
        assertEquals(RecordKind.HAND_MOVE, prod.events().get(0).kind());
        assertEquals(C, prod.events().get(0).digest());
        assertEquals(A, prod.events().get(0).previousDigest());
    }

    @Test
    void aDeletedTagIsDriftHoldingNothing() {
        Board board = RecordedBoard.build(List.of(promoted(PROD, "prod", A, null, 0)), Map.of(PROD, Optional.empty()), T0, 20);
        assertEquals(LaneState.DRIFT, board.lanes().get(0).state());
        assertNull(board.lanes().get(0).current());
    }

    @Test
    void aTagLeftOutOfTheLiveReadIsNotChecked() {
        List<RecordedPromotion> records = List.of(promoted(STAGING, "staging", A, null, 0), promoted(PROD, "prod", A, null, 1));
        Board board = RecordedBoard.build(records, Map.of(STAGING, Optional.of(A)), T0, 20);
        assertEquals(LaneState.NOT_CHECKED, board.lanes().get(1).state());
    }

    @Test
    void aPromotionThatFoundAnotherDigestThanTheRecordBeforeItShowsAHandMoveBetween() {
        // prod got A, then someone moved it to C, then a promotion moved it from C to B.
        List<RecordedPromotion> records = List.of(promoted(PROD, "prod", A, null, 0), promoted(PROD, "prod", B, C, 5));
        Lane prod = RecordedBoard.build(records, null, T0.plusSeconds(600), 20).lanes().get(0);

        assertEquals(List.of(RecordKind.PROMOTION, RecordKind.HAND_MOVE, RecordKind.PROMOTION),
                prod.events().stream().map(LaneEvent::kind).toList());
        assertEquals(C, prod.events().get(1).digest());
        assertEquals(A, prod.events().get(1).previousDigest());
    }

    @Test
    void eventsPerLaneKeepsTheNewest() {
        List<RecordedPromotion> records = List.of(promoted(DEV, "dev", A, null, 0), promoted(DEV, "dev", B, A, 1),
                promoted(DEV, "dev", C, B, 2));
        Lane dev = RecordedBoard.build(records, null, T0.plusSeconds(600), 2).lanes().get(0);
        assertEquals(List.of(C, B), dev.events().stream().map(LaneEvent::digest).toList());
    }

    @Test
    void theNotCheckedStateIsRenderedAsSuch() {
        Board board = RecordedBoard.build(List.of(promoted(DEV, "dev", A, null, 0)), null, T0, 20);
        String html = BoardHtml.fragment(board);
        assertTrue(html.contains("<span class=\"state-badge state-not-checked\">not checked</span>"), html);
        assertTrue(BoardJson.write(board).contains("\"state\" : \"not-checked\""), BoardJson.write(board));
        String timeline = BoardHtml.timeline(board);
        assertTrue(timeline.startsWith("<div class=\"ip-board\">") && timeline.contains("<svg") && !timeline.contains("<table"), timeline);
    }
}
