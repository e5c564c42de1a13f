package io.jenkins.plugins.imagepromotion.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The gate fields' form checks say what is wrong while typing, by the same rules as at run time. */
class GateFieldChecksTest {
    @Test
    void environmentIsRequiredAndOneLine() {
        assertTrue(GateFieldChecks.environment("").message().contains("Required"));
        assertEquals(FieldVerdict.OK, GateFieldChecks.environment("prod"));
        assertTrue(GateFieldChecks.environment("prod\nstaging").level() == FieldVerdict.Level.ERROR);
    }

    @Test
    void approvalsAreAWholeNumberFromOneToFifty() {
        assertEquals(FieldVerdict.OK, GateFieldChecks.approvals("2"));
        assertTrue(GateFieldChecks.approvals("0").level() == FieldVerdict.Level.ERROR);
        assertTrue(GateFieldChecks.approvals("51").level() == FieldVerdict.Level.ERROR);
        assertTrue(GateFieldChecks.approvals("two").message().contains("whole number"));
    }

    @Test
    void submittersWithAnEmptyEntryAreAnErrorAndNoneIsAWarning() {
        assertEquals(FieldVerdict.OK, GateFieldChecks.submitters("alice, release-managers"));
        assertTrue(GateFieldChecks.submitters("alice,,bob").level() == FieldVerdict.Level.ERROR);
        assertTrue(GateFieldChecks.submitters("").message().contains("administrators always can"));
    }

    @Test
    void aGateIdIsRequiredAndUrlSafe() {
        assertEquals(FieldVerdict.OK, GateFieldChecks.gate("Gate-prod-1a2b3c4d-1"));
        assertTrue(GateFieldChecks.gate("").level() == FieldVerdict.Level.ERROR);
        assertTrue(GateFieldChecks.gate("Gate prod/1").level() == FieldVerdict.Level.ERROR);
    }
}
