package io.jenkins.plugins.imagepromotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionActionTest {
    static final long NOON = 1_700_000_000_000L;

    @Test
    void aRecordKeepsWhatWasPromotedWhereAndForWhom() {
        PromotionRecord record = PromotionRecord.of(PromotionOutcome.from(ResultMapTest.result(false)), "staging", "alice", NOON);

        assertEquals("reg.example.com/app:1.0", record.getSource());
        assertEquals("reg.example.com/app@" + ResultMapTest.NEW, record.getPinnedSource());
        assertEquals("staging", record.getEnvironment());
        assertEquals("alice", record.getApprovedBy());
        assertEquals("2023-11-14T22:13:20Z", record.getTime());
        assertEquals(3, record.getTargets().size());
        assertEquals(ResultMapTest.OLD.toString(), record.getTargets().get(0).getPreviousDigest());
        assertNull(record.getTargets().get(1).getPreviousDigest());
        assertEquals("app@sha256:111111111111 \u2192 staging, app:staging, qa", record.getLabel());
    }

    @Test
    void theActionListsRecordsInOrderAndBadgesOnlyRealPromotions() {
        PromotionAction action = new PromotionAction();
        assertFalse(action.isShowBadge());

        PromotionRecord dry = PromotionRecord.of(PromotionOutcome.from(ResultMapTest.result(true)), null, null, NOON);
        action.add(dry);
        assertFalse(action.isShowBadge());
        assertEquals("", action.getBadgeText());

        PromotionRecord real = PromotionRecord.of(PromotionOutcome.from(ResultMapTest.result(false)), "prod", "bob", NOON + 1);
        action.add(real);
        assertTrue(action.isShowBadge());
        assertEquals(List.of(dry, real), action.getRecords());
        assertEquals(List.of(real), action.getPromotions());
        assertEquals("app@sha256:111111111111 \u2192 staging, app:staging, qa", action.getBadgeText());
        assertTrue(dry.getLabel().endsWith("(dry run)"));
    }

    @Test
    void recordsCannotBeChangedThroughTheGetters() {
        PromotionAction action = new PromotionAction();
        action.add(PromotionRecord.of(PromotionOutcome.from(ResultMapTest.result(false)), null, null, NOON));
        assertThrows(UnsupportedOperationException.class, () -> action.getRecords().clear());
        assertThrows(UnsupportedOperationException.class, () -> action.getRecords().get(0).getTargets().clear());
        assertEquals(1, action.getRecords().size());
    }

    @Test
    void theActionStaysOffTheSidebar() {
        PromotionAction action = new PromotionAction();
        assertNull(action.getIconFileName());
        assertNull(action.getUrlName());
    }
}
