package io.imagepromotion.core.promote;

import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DryRunTest {
    @Test
    void aDryRunPlansExactlyAndWritesNothing(@TempDir Path dir) throws Exception {
        try (RegistryServer source = RegistryServer.startPlain(dir.resolve("source"));
             RegistryServer target = RegistryServer.startPlain(dir.resolve("target"))) {
            TestImage image = TestImages.oci(dir.resolve("image"), 3, 40 * 1024, 51);
            Skopeo.forRegistry(source).push(image, source.host() + "/dev/app:1");
            Skopeo.forRegistry(target).push(image, target.host() + "/prod/app:old");
            int sourceMark = source.accessLogMark();
            int targetMark = target.accessLogMark();
            AtomicReference<PromotionPlan> plan = new AtomicReference<>();

            PromotionResult result;
            try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), new PromotionListener() {
                @Override
                public void planned(PromotionPlan p) {
                    plan.set(p);
                }
            })) {
                result = promoter.promote(PromotionRequest.builder(ImageReference.parse(source.host() + "/dev/app:1"))
                        .target(ImageReference.parse(target.host() + "/prod/app:new"))
                        .target(ImageReference.parse(target.host() + "/fresh/app:new")).dryRun(true).build());
            }

            List<AccessLogEntry> all = RegistryRequests.since(target, targetMark, 1);
            all = new java.util.ArrayList<>(all);
            all.addAll(RegistryRequests.since(source, sourceMark, 1));
            assertTrue(all.stream().allMatch(e -> e.method().equals("GET") || e.method().equals("HEAD")), RegistryRequests.describe(all));
            assertTrue(target.tagDigestOnDisk("prod/app", "new").isEmpty());
            assertTrue(result.dryRun());
            assertTrue(result.changed());
            int blobs = image.blobDigests().size();
            PromotionPlan.TargetPlan prod = plan.get().targets().get(0);
            PromotionPlan.TargetPlan fresh = plan.get().targets().get(1);
            assertEquals(PromotionPlan.Strategy.COPY, prod.strategy());
            assertEquals(blobs, prod.blobsPresent(), "prod/app already holds every blob");
            assertEquals(0, prod.bytesToTransfer());
            assertEquals(blobs, fresh.blobsToTransfer());
            assertEquals(image.blobBytes(), fresh.bytesToTransfer());
            assertEquals(blobs, result.blobsSkipped());
            assertEquals(blobs, result.blobsCopied());
            assertEquals(image.blobBytes(), result.bytesCopied());
        }
    }
}
