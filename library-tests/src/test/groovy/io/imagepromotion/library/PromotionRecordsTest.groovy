package io.imagepromotion.library

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertNull
import static org.junit.jupiter.api.Assertions.assertThrows
import static org.junit.jupiter.api.Assertions.assertTrue

import org.junit.jupiter.api.Test
import org.junit.jupiter.api.function.Executable

/** The run's record in IMAGE_PROMOTION_RECORDS: it round-trips any text and finds the newest match. */
class PromotionRecordsTest {
    static final Class RECORD = LibrarySources.load('PromotionRecord')
    static final Class RECORDS = LibrarySources.load('PromotionRecords')
    static final String DIGEST_A = 'sha256:' + 'a' * 64
    static final String DIGEST_B = 'sha256:' + 'b' * 64

    @Test
    void roundTripsFieldsContainingTheSeparators() {
        def tricky = RECORD.newInstance('prod;eu', 'host:5000/team/app:prod v2', 'host:5000/team/app:prod%20v2',
                DIGEST_A, ['al,ice', 'bö b', 'x;y', '%41'])
        def plain = RECORD.newInstance('dev', 'host/app:dev', null, DIGEST_B, [])

        String encoded = RECORDS.encode([tricky, plain])
        List decoded = RECORDS.decode(encoded)

        assertEquals(1, encoded.count(' '), 'one space between the two records, none inside them')
        assertEquals([tricky.asMap(), plain.asMap()], RECORDS.asMaps(decoded))
        assertEquals('host/app:dev', decoded[1].reference, 'an unreported reference defaults to the target')
    }

    @Test
    void appendsToAnUnsetVariable() {
        def record = RECORD.newInstance('dev', 'host/app:dev', 'host/app:dev', DIGEST_A, ['alice'])

        assertEquals([record.asMap()], RECORDS.asMaps(RECORDS.decode(RECORDS.append(null, record))))
        assertEquals([], RECORDS.decode('  '))
    }

    @Test
    void findsTheNewestRecordOfThatDigestOnThatTargetByEitherName() {
        def old = RECORD.newInstance('staging', 'app:staging', 'docker.io/library/app:staging', DIGEST_A, [])
        def other = RECORD.newInstance('staging', 'app:staging', 'docker.io/library/app:staging', DIGEST_B, [])
        def newer = RECORD.newInstance('staging-2', 'app:staging', 'docker.io/library/app:staging', DIGEST_A, [])
        List records = [old, other, newer]

        assertTrue(RECORDS.find(records, 'app:staging', DIGEST_A).is(newer))
        assertTrue(RECORDS.find(records, 'docker.io/library/app:staging', DIGEST_A).is(newer))
        assertNull(RECORDS.find(records, 'app:production', DIGEST_A))
        assertNull(RECORDS.find([other], 'app:staging', DIGEST_A))
    }

    @Test
    void refusesAnEditedVariable() {
        Exception e = assertThrows(IllegalArgumentException, { RECORDS.decode('dev;host/app:dev') } as Executable)

        assertTrue(e.message.startsWith("Environment variable IMAGE_PROMOTION_RECORDS holds a malformed record 'dev;host/app:dev'"), e.message)
    }
}
