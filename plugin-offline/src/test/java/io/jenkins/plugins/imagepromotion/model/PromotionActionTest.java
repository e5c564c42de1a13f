package io.jenkins.plugins.imagepromotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.publish.PublishResult;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
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

    static PublishRecord origin(Digest digest, String localImage, long time) {
        PublishResult result = new PublishResult(ImageReference.parse("reg.example.com/app:c0ffee"), digest,
                "application/vnd.oci.image.manifest.v1+json", "sha256:" + "e".repeat(64), digest);
        return PublishRecord.of(PublishOutcome.from(result, localImage), time);
    }

    @Test
    void aPublishIsRecordedAsTheOriginOfItsDigest() {
        PublishRecord origin = origin(ResultMapTest.NEW, "myapp:local", NOON);

        assertEquals("reg.example.com/app:c0ffee", origin.getTarget());
        assertEquals("reg.example.com/app@" + ResultMapTest.NEW, origin.getPinnedReference());
        assertEquals(ResultMapTest.NEW.toString(), origin.getDigest());
        assertEquals("myapp:local", origin.getLocalImage());
        assertEquals("sha256:" + "e".repeat(64), origin.getLocalImageId());
        assertEquals("2023-11-14T22:13:20Z", origin.getTime());
        assertEquals("myapp:local \u2192 app@sha256:111111111111", origin.getLabel());
    }

    @Test
    void thePromotionOfAPublishedDigestFindsItsOrigin() {
        PromotionAction action = new PromotionAction();
        PublishRecord first = origin(ResultMapTest.NEW, "myapp:first", NOON);
        PublishRecord again = origin(ResultMapTest.NEW, "myapp:again", NOON + 5);
        action.addOrigin(first);
        action.addOrigin(again);
        PromotionRecord promoted = PromotionRecord.of(PromotionOutcome.from(ResultMapTest.result(false)), "dev", null, NOON + 9);
        action.add(promoted);

        assertEquals(List.of(first, again), action.getOrigins());
        assertSame(again, action.originOf(promoted.getDigest()));
        assertNull(action.originOf(ResultMapTest.OLD.toString()));
        assertThrows(UnsupportedOperationException.class, () -> action.getOrigins().clear());
    }

    @Test
    void aPublishAloneShowsNoPromotionBadge() {
        PromotionAction action = new PromotionAction();
        action.addOrigin(origin(ResultMapTest.NEW, "myapp:local", NOON));
        assertFalse(action.isShowBadge());
        assertEquals(List.of(), action.getRecords());
    }

    @Test
    void aBuildStoredBeforeOriginsExistedLoadsWithNone() throws Exception {
        // XStream leaves a field absent from build.xml null and then calls readResolve.
        PromotionAction action = new PromotionAction();
        Field origins = PromotionAction.class.getDeclaredField("origins");
        origins.setAccessible(true);
        origins.set(action, null);
        Method readResolve = PromotionAction.class.getDeclaredMethod("readResolve");
        readResolve.setAccessible(true);
        assertSame(action, readResolve.invoke(action));
        assertEquals(List.of(), action.getOrigins());
        assertNull(action.originOf(ResultMapTest.NEW.toString()));
    }

    /** Every persisted list of the action and its records comes back empty, not null, when build.xml lacks it. */
    @Test
    void readResolveRepairsEveryNullPersistedList() throws Exception {
        PromotionAction action = new PromotionAction();
        PromotionRecord record = PromotionRecord.of(PromotionOutcome.from(ResultMapTest.result(false)), "prod", null, NOON);
        for (String name : List.of("records", "origins")) {
            setNull(action, PromotionAction.class, name);
        }
        for (String name : List.of("targets", "ledger")) {
            setNull(record, PromotionRecord.class, name);
        }

        assertSame(action, resolve(action, PromotionAction.class));
        assertSame(record, resolve(record, PromotionRecord.class));

        assertEquals(List.of(), action.getRecords());
        assertEquals(List.of(), action.getOrigins());
        assertEquals(List.of(), record.getTargets());
        assertEquals(List.of(), record.getLedger());
        action.add(record);
        assertEquals(1, action.getRecords().size());
    }

    private static void setNull(Object target, Class<?> type, String name) throws Exception {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, null);
    }

    private static Object resolve(Object target, Class<?> type) throws Exception {
        Method readResolve = type.getDeclaredMethod("readResolve");
        readResolve.setAccessible(true);
        return readResolve.invoke(target);
    }
}
