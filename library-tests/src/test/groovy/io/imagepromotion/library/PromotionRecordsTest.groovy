package io.imagepromotion.library

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertTrue

import org.junit.jupiter.api.Test

/** promotionRecords() was removed: a Jenkinsfile still calling it fails with a message naming the replacements. */
class PromotionRecordsTest extends LibraryPipelineTest {

    @Test
    void callingTheRemovedPromotionRecordsFailsNamingWhatToUseInstead() {
        String message = runFailingPipeline('callPromotionRecords')

        assertTrue(message.startsWith('promotionRecords() was removed from the image-promotion library'), message)
        assertTrue(message.contains('the Map that promoteTo or promoteThrough returns'), message)
        assertTrue(message.contains('JOB_URL/promotions/api/json'), message)
        assertEquals('FAILURE', run.result)
        assertEquals([], plugin.promoteCalls)
    }
}
