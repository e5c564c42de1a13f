package io.jenkins.plugins.imagepromotion.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.promote.PromotionPlan;
import io.imagepromotion.core.promote.PromotionPlan.Strategy;
import io.imagepromotion.core.promote.PromotionPlan.TargetPlan;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.promote.TransferProgress;
import io.imagepromotion.core.ref.ImageReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BuildLogListenerTest {
    static final Digest D1 = Digest.parse("sha256:" + "a".repeat(64));
    static final Digest D0 = Digest.parse("sha256:" + "b".repeat(64));
    static final ImageReference SOURCE = ImageReference.parse("registry.example.com/myapp:1.0");
    static final ImageReference STAGING = ImageReference.parse("registry.example.com/myapp:staging");

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicLong clock = new AtomicLong();
    final BuildLogListener listener = new BuildLogListener(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new ProgressThrottle(Duration.ofSeconds(10), clock::get));

    List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aResolvedTagShowsTheDigestItResolvedTo() {
        listener.resolved(SOURCE, D1, "application/vnd.oci.image.index.v1+json");
        listener.resolved(SOURCE.withDigest(D1), D1, "m");
        assertEquals(List.of("Resolved registry.example.com/myapp:1.0 -> " + D1 + " (application/vnd.oci.image.index.v1+json)",
                "Source registry.example.com/myapp@" + D1 + " (m)"), lines());
    }

    @Test
    void thePlanSaysPerTargetWhatWillHappen() {
        listener.planned(new PromotionPlan(SOURCE, D1, "m", 3, List.of(
                new TargetPlan(STAGING, D0, Strategy.RETAG, 0, 0, 0),
                new TargetPlan(ImageReference.parse("registry.example.com/other:staging"), null, Strategy.MOUNT, 4, 1, 0),
                new TargetPlan(ImageReference.parse("mirror.example.com/myapp:staging"), null, Strategy.COPY, 1, 0, 3 * 1024 * 1024),
                new TargetPlan(ImageReference.parse("registry.example.com/myapp:qa"), D1, Strategy.ALREADY_AT_DIGEST, 0, 0, 0))));
        assertEquals(List.of(
                "Plan for registry.example.com/myapp@" + D1 + " (3 manifests):",
                "  registry.example.com/myapp:staging: retag in the same repository (now at " + D0 + ")",
                "  registry.example.com/other:staging: mount 4 blobs from the source repository, 1 already there (absent)",
                "  mirror.example.com/myapp:staging: copy 1 blob, up to 3.0 MiB (absent)",
                "  registry.example.com/myapp:qa: already at the digest, nothing to write"), lines());
    }

    @Test
    void eachWrittenTargetGetsAVerificationLine() {
        listener.verified(STAGING, D1);
        listener.targetUpdated(new TargetOutcome(STAGING, D0, true));
        listener.targetUpdated(new TargetOutcome(ImageReference.parse("registry.example.com/myapp:qa"), D1, false));
        assertEquals(List.of("registry.example.com/myapp:staging -> " + D1 + " (verified)",
                "  registry.example.com/myapp:staging was at " + D0 + " before",
                "registry.example.com/myapp:qa already at " + D1 + " (unchanged)"), lines());
    }

    @Test
    void progressIsThrottledButTheLastReportAlwaysAppears() {
        listener.progress(new TransferProgress(1, 4, 1024, 4096));
        clock.addAndGet(Duration.ofSeconds(3).toNanos());
        listener.progress(new TransferProgress(2, 4, 2048, 4096));
        clock.addAndGet(Duration.ofSeconds(8).toNanos());
        listener.progress(new TransferProgress(3, 4, 3072, 4096));
        listener.progress(new TransferProgress(4, 4, 4096, 4096));
        listener.progress(new TransferProgress(4, 4, 4096, 4096));
        assertEquals(List.of("  copied 1/4 blobs, 1.0 KiB of 4.0 KiB", "  copied 3/4 blobs, 3.0 KiB of 4.0 KiB",
                "  copied 4/4 blobs, 4.0 KiB of 4.0 KiB"), lines());
    }

    @Test
    void theSummaryOfADryRunSaysNothingWasWritten() {
        listener.summary(new PromotionResult(SOURCE, D1, "m", List.of(new TargetOutcome(STAGING, D0, true)), 0, 2, 1,
                2048, 1, 9, true));
        assertEquals(List.of("Dry run, nothing was written: 1 of 1 targets would move to " + D1
                + "; blobs: 0 mounted, 2 copied (2.0 KiB), 1 already there; 1 manifest writes; 9 registry requests"), lines());
    }

    @Test
    void warningsAreMarked() {
        listener.warning("retrying after 503");
        assertEquals(List.of("WARNING: retrying after 503"), lines());
    }

    @Test
    void byteSizesUseBinaryUnits() {
        assertEquals("0 B", ByteSizes.format(0));
        assertEquals("1023 B", ByteSizes.format(1023));
        assertEquals("1.5 KiB", ByteSizes.format(1536));
        assertEquals("12.3 MiB", ByteSizes.format(12_897_485));
        assertEquals("2.0 GiB", ByteSizes.format(2L << 30));
    }
}
