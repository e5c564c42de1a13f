package io.imagepromotion.core.promote;

import io.imagepromotion.core.error.ContentMismatchException;
import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorruptSourceBlobTest {
    @Test
    void aCorruptedBlobAbortsTheCopyBeforeCommitAndLeavesEveryTargetTagAlone(@TempDir Path dir) throws Exception {
        try (RegistryServer source = RegistryServer.startPlain(dir.resolve("source"));
             RegistryServer target = RegistryServer.startPlain(dir.resolve("target"))) {
            TestImage good = TestImages.oci(dir.resolve("good"), 2, 32 * 1024, 41);
            TestImage image = TestImages.oci(dir.resolve("image"), 3, 256 * 1024, 42);
            Skopeo.forRegistry(source).push(image, source.host() + "/dev/app:1");
            Skopeo.forRegistry(target).push(good, target.host() + "/prod/app:live");
            String corrupted = image.blobDigests().get(image.blobDigests().size() - 1);
            source.corruptBlob(corrupted);

            ContentMismatchException e;
            try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
                e = assertThrows(ContentMismatchException.class, () -> promoter.promote(
                        PromotionRequest.builder(ImageReference.parse(source.host() + "/dev/app:1"))
                                // A retag needs no content; it is listed first and still must not move.
                                .target(ImageReference.parse(source.host() + "/dev/app:also-promoted"))
                                .target(ImageReference.parse(target.host() + "/prod/app:live")).build()));
            }
            assertEquals(ErrorKind.FAILURE, e.kind());
            assertTrue(e.getMessage().contains(corrupted), e.getMessage());
            assertFalse(target.hasBlobLinked("prod/app", corrupted), "the corrupt blob was never committed");
            assertEquals(good.digest(), target.tagDigestOnDisk("prod/app", "live").orElseThrow());
            assertEquals(good.digest(), Skopeo.forRegistry(target).digest(target.host() + "/prod/app:live"));
            assertTrue(source.tagDigestOnDisk("dev/app", "also-promoted").isEmpty(), "no tag moves when any content copy fails");
        }
    }
}
