package io.jenkins.plugins.imagepromotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.security.AnyTypePermission;
import org.junit.jupiter.api.Test;

/**
 * build.xml round trips of the action, with XStream as Jenkins' XStream2 uses it for plugin classes: fields
 * reflected, no converter of ours, readResolve called after reading (Jenkins runs it too).
 */
class PersistedActionXStreamTest {
    private static XStream jenkinsLike() {
        XStream xstream = new XStream();
        xstream.addPermission(AnyTypePermission.ANY);
        return xstream;
    }

    private static PromotionAction action() {
        PromotionAction action = new PromotionAction();
        action.add(PromotionRecord.of(PromotionOutcome.from(ResultMapTest.result(false)), "prod", "alice", PromotionActionTest.NOON));
        action.add(PromotionRecord.of(PromotionOutcome.from(ResultMapTest.result(true)), null, null, PromotionActionTest.NOON + 1));
        action.addOrigin(PromotionActionTest.origin(ResultMapTest.NEW, "myapp:local", PromotionActionTest.NOON - 1));
        return action;
    }

    @Test
    void theActionReadsBackWithItsRecordsTargetsAndOrigins() {
        PromotionAction written = action();
        String xml = jenkinsLike().toXML(written);

        PromotionAction read = (PromotionAction) jenkinsLike().fromXML(xml);

        assertEquals(written.getRecords().size(), read.getRecords().size(), xml);
        for (int i = 0; i < written.getRecords().size(); i++) {
            PromotionRecord w = written.getRecords().get(i);
            PromotionRecord r = read.getRecords().get(i);
            assertEquals(w.getLabel(), r.getLabel());
            assertEquals(w.getEnvironment(), r.getEnvironment());
            assertEquals(w.getApprovedBy(), r.getApprovedBy());
            assertEquals(w.getTime(), r.getTime());
            assertEquals(w.getTargets().size(), r.getTargets().size());
            for (int t = 0; t < w.getTargets().size(); t++) {
                assertEquals(w.getTargets().get(t).getPreviousDigest(), r.getTargets().get(t).getPreviousDigest());
            }
        }
        assertNotNull(read.originOf(ResultMapTest.NEW.toString()), xml);
        assertEquals(written.getBadgeText(), read.getBadgeText());
    }

    @Test
    void theStoredXmlHoldsFieldsOnlyAndNoRunReference() {
        String xml = jenkinsLike().toXML(action());

        assertTrue(xml.contains("<records>") && xml.contains("<origins>"), xml);
        assertFalse(xml.contains("<run>") || xml.contains("<run "), xml);
    }

    @Test
    void aBuildXmlWithoutTheListsReadsBackAsEmptyLists() {
        String older = "<" + PromotionAction.class.getName() + "/>";

        PromotionAction read = (PromotionAction) jenkinsLike().fromXML(older);

        assertTrue(read.getRecords().isEmpty());
        assertTrue(read.getOrigins().isEmpty());
        assertFalse(read.isShowBadge());
    }
}
