package io.jenkins.plugins.imagepromotion.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.ref.ImageReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.springframework.security.access.AccessDeniedException;

/** The Promotions action's data with fake builds and permissions: model from records, bounded reads, permissions, escaping. */
class PromotionsActionTest {
    private static final String HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)>";

    /** Builds newest first, counting how many were read. */
    static final class CountingBuilds implements Iterable<PromotedBuild> {
        final List<PromotedBuild> builds = new ArrayList<>();
        int read;

        @Override
        public Iterator<PromotedBuild> iterator() {
            Iterator<PromotedBuild> it = builds.iterator();
            return new Iterator<>() {
                public boolean hasNext() {
                    return it.hasNext();
                }

                public PromotedBuild next() {
                    read++;
                    return it.next();
                }
            };
        }
    }

    static final Digest NEW = Digest.parse("sha256:" + "1".repeat(64));

    static PromotionRecord record(String environment, boolean dryRun, long time) {
        PromotionResult result = new PromotionResult(ImageReference.parse("reg.example.com/app:1.0"), NEW,
                "application/vnd.oci.image.manifest.v1+json",
                List.of(new TargetOutcome(ImageReference.parse("reg.example.com/app:staging"), null, true)),
                0, 0, 0, 0L, 1, 3, dryRun);
        return PromotionRecord.of(PromotionOutcome.from(result), environment, "alice", time);
    }

    static CountingBuilds builds(int count, String environment) {
        CountingBuilds b = new CountingBuilds();
        for (int n = count; n >= 1; n--) {
            b.builds.add(new PromotedBuild(n, "https://ci.example.com/job/app/" + n + "/",
                    List.of(record(environment, false, 1_700_000_000_000L + n * 1000L))));
        }
        return b;
    }

    static final class FakePermissions implements JobPermissions {
        boolean read = true;
        boolean build = true;

        public boolean mayRead() {
            return read;
        }

        public boolean mayBuild() {
            return build;
        }

        public void checkRead() {
            if (!read) {
                throw new AccessDeniedException("no Item/Read");
            }
        }

        public void checkBuild() {
            if (!build) {
                throw new AccessDeniedException("no Item/Build");
            }
        }
    }

    @Test
    void theBoardIsBuiltFromTheRecordsOfTheBuilds() {
        PromotionsAction action = new PromotionsAction(null, builds(3, "staging"), new FakePermissions());
        List<EnvironmentRow> rows = action.getEnvironments();
        assertFalse(rows.isEmpty());
        assertEquals("staging", rows.get(0).getName());
        assertEquals("not-checked", rows.get(0).getState());
        assertEquals(NEW.toString(), rows.get(0).getDigest());
        assertEquals("https://ci.example.com/job/app/3/", rows.get(0).getBuildUrl());
        assertEquals(3, action.getBuildsRead());
    }

    @Test
    void atMostMaxBuildsAreReadOf1000() {
        CountingBuilds b = builds(1000, "prod");
        PromotionsAction action = new PromotionsAction(null, b, new FakePermissions());
        action.getEnvironments();
        assertEquals(JobBoard.MAX_BUILDS, action.getBuildsRead());
        assertTrue(action.isTruncated());
        assertTrue(b.read <= JobBoard.MAX_BUILDS + 1, "read " + b.read);
    }

    @Test
    void aRecordWhoseDigestDoesNotParseIsLeftOffAndCountedAndTheRestIsShown() throws Exception {
        CountingBuilds b = builds(3, "staging");
        PromotionRecord edited = record("prod", false, 1_700_000_009_000L);
        java.lang.reflect.Field digest = PromotionRecord.class.getDeclaredField("digest");
        digest.setAccessible(true);
        digest.set(edited, "sha256:not-a-digest");
        b.builds.add(0, new PromotedBuild(4, "https://ci.example.com/job/app/4/", List.of(edited)));

        JobBoard board = new PromotionsAction(null, b, new FakePermissions()).getBoard();

        assertEquals(1, board.unreadableTargets());
        assertEquals(List.of("staging"), board.board().lanes().stream().map(l -> l.environment()).toList());
        assertEquals(4, board.buildsRead());
    }

    @Test
    void dryRunsAloneShowNoLink() {
        CountingBuilds b = new CountingBuilds();
        b.builds.add(new PromotedBuild(1, "u", List.of(record("prod", true, 1L))));
        assertNull(new PromotionsAction(null, b, new FakePermissions()).getIconFileName());
        assertNotNull(new PromotionsAction(null, builds(1, "prod"), new FakePermissions()).getIconFileName());
    }

    @Test
    void withoutItemReadThereIsNoLinkAndThePageIsRefused() {
        FakePermissions p = new FakePermissions();
        p.read = false;
        PromotionsAction action = new PromotionsAction(null, builds(2, "prod"), p);
        assertNull(action.getIconFileName());
        assertThrows(AccessDeniedException.class, action::getTarget);
    }

    @Test
    void theLiveCheckNeedsItemBuildAndPost() throws Exception {
        FakePermissions p = new FakePermissions();
        p.build = false;
        PromotionsAction action = new PromotionsAction(null, builds(2, "prod"), p);
        assertThrows(AccessDeniedException.class, action::doLiveCheck);
        assertNotNull(PromotionsAction.class.getMethod("doLiveCheck").getAnnotation(RequirePOST.class));
    }

    @Test
    void hostileEnvironmentNamesAreEscapedInTheTimeline() {
        String html = new PromotionsAction(null, builds(2, HOSTILE), new FakePermissions()).getTimelineHtml();
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    }
}
