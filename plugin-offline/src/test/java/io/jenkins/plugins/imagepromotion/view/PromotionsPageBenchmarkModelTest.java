package io.jenkins.plugins.imagepromotion.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link JobPageBenchmark} measures is what it says it measures: its 1,000 build.xml files parse back into the
 * records written, the bounded render parses 101 of them (100 on the board, one more to know that older builds exist),
 * the full walk parses all 1,000, and both boards have the lanes the builds promoted to. No timing.
 */
class PromotionsPageBenchmarkModelTest {
    @Test
    void theBoundedRenderParses101Of1000BuildXmlAndTheFullWalkAll(@TempDir Path dir) throws Exception {
        JobPageBenchmark.writeBuilds(dir, JobPageBenchmark.BUILDS);

        JobPageBenchmark.Render bounded = JobPageBenchmark.bounded(
                new JobPageBenchmark.BuildDirectory(dir, JobPageBenchmark.BUILDS, JobPageBenchmark.jenkinsLike()));
        JobPageBenchmark.Render full = JobPageBenchmark.fullWalk(
                new JobPageBenchmark.BuildDirectory(dir, JobPageBenchmark.BUILDS, JobPageBenchmark.jenkinsLike()));

        assertEquals(JobBoard.MAX_BUILDS + 1, bounded.parsed());
        assertEquals(JobBoard.MAX_BUILDS, bounded.buildsRead());
        assertTrue(bounded.truncated());
        assertEquals(List.of("dev", "staging", "prod"), bounded.lanes());
        assertEquals(3, bounded.rows());
        assertTrue(bounded.timelineHtml().contains("<svg"), bounded.timelineHtml());

        assertEquals(JobPageBenchmark.BUILDS, full.parsed());
        assertEquals(JobPageBenchmark.BUILDS, full.buildsRead());
        assertFalse(full.truncated());
        assertEquals(List.of("dev", "staging", "prod"), full.lanes());
    }

    @Test
    void aPromotingBuildXmlReadsBackWithItsRecordsApprovalsAndTargets(@TempDir Path dir) throws Exception {
        JobPageBenchmark.writeBuilds(dir, 90);
        JobPageBenchmark.BuildDirectory builds = new JobPageBenchmark.BuildDirectory(dir, 90, JobPageBenchmark.jenkinsLike());

        PromotedBuild prod = builds.load(90);
        PromotedBuild none = builds.load(89);

        assertEquals(List.of("dev", "staging", "prod"), prod.records().stream().map(r -> r.getEnvironment()).toList());
        assertEquals(2, prod.records().get(2).getApprovals().size());
        assertEquals(JobPageBenchmark.REGISTRY + ":prod", prod.records().get(2).getTargets().get(0).getReference());
        assertEquals(JobPageBenchmark.digest(90).toString(), prod.records().get(2).getDigest());
        assertTrue(none.records().isEmpty());
        assertEquals(2, builds.parsed());
    }
}
