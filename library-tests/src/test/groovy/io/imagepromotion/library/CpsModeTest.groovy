package io.imagepromotion.library

import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library
import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertThrows
import static org.junit.jupiter.api.Assertions.assertTrue

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.function.Executable

/**
 * Proves that the CPS test mode the library tests rely on really fails on non-serializable state: a probe library
 * (src/test/resources/cps-probe) holds a library object in a local variable while a step runs. If this test ever
 * passed with the unserializable holder, the library tests would prove nothing about serializability.
 */
class CpsModeTest extends LibraryPipelineTest {

    @BeforeEach
    void registerProbeLibrary() {
        File probe = new File(LIBRARY_ROOT, 'library-tests/src/test/resources/cps-probe')
        helper.registerSharedLibrary(library().name('cps-probe')
                .defaultVersion('main').allowOverride(false).implicit(false)
                .targetPath(probe.path).retriever(new RepositoryRootSource(probe)).build())
    }

    @Test
    void aNonSerializableLibraryObjectLiveDuringAStepFailsTheTest() {
        Exception failure = assertThrows(Exception, { runPipeline('callCpsProbe', [SERIALIZABLE: false]) } as Executable)

        Throwable cause = failure
        while (cause != null && !(cause instanceof NotSerializableException)) {
            cause = cause.cause
        }
        assertTrue(cause != null, "expected a NotSerializableException, got ${failure}")
        assertEquals('io.probe.UnserializableHolder', cause.message)
    }

    @Test
    void theSameObjectSerializablePasses() {
        assertEquals('held', runPipeline('callCpsProbe', [SERIALIZABLE: true]))
        assertEquals(['holding held'], log)
    }
}
