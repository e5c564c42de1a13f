package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NestedIndexTest {
    @Test
    void anIndexOfIndexesIsCopiedWholeAcrossRegistries(@TempDir Path dir) throws Exception {
        try (RegistryServer source = RegistryServer.startPlain(dir.resolve("source"));
             RegistryServer target = RegistryServer.startPlain(dir.resolve("target"))) {
            TestImage inner = TestImages.ociIndex(dir.resolve("inner"), List.of("linux/amd64", "linux/arm64/v8"), 2, 16 * 1024, 81);
            TestImage single = TestImages.oci(dir.resolve("single"), 2, 16 * 1024, 82);
            Skopeo skopeo = Skopeo.forRegistry(source);
            skopeo.push(inner, source.host() + "/dev/nested:inner");
            skopeo.push(single, source.host() + "/dev/nested:single");
            // An outer index (pretty-printed, so any re-serialization would change its digest) over an index and an image.
            byte[] outer = ("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + MediaTypes.OCI_INDEX + "\",\n  \"manifests\": [\n"
                    + "    {\"mediaType\": \"" + MediaTypes.OCI_INDEX + "\", \"digest\": \"" + inner.digest() + "\", \"size\": "
                    + inner.manifestBytes().length + "},\n"
                    + "    {\"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\", \"digest\": \"" + single.digest() + "\", \"size\": "
                    + single.manifestBytes().length + ", \"platform\": {\"os\": \"linux\", \"architecture\": \"riscv64\"}}\n"
                    + "  ]\n}\n").getBytes(StandardCharsets.UTF_8);
            ImageReference outerRef = ImageReference.parse(source.host() + "/dev/nested:outer");
            try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
                new RegistryClient(transport).putManifest(outerRef, "outer", RawManifest.of(outer, MediaTypes.OCI_INDEX, "outer"));
            }
            String outerDigest = Digest.sha256(outer).toString();

            PromotionResult result;
            try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
                result = promoter.promote(PromotionRequest.builder(outerRef)
                        .target(ImageReference.parse(target.host() + "/prod/nested:1")).build());
            }

            Skopeo targetSkopeo = Skopeo.forRegistry(target);
            assertEquals(outerDigest, targetSkopeo.digest(target.host() + "/prod/nested:1"));
            assertEquals(inner.digest(), targetSkopeo.digest(target.host() + "/prod/nested@" + inner.digest()));
            for (String child : inner.childManifestDigests()) {
                assertEquals(child, targetSkopeo.digest(target.host() + "/prod/nested@" + child));
            }
            // inner index + its 2 children + the single image + the outer tag
            assertEquals(5, result.manifestsPushed());
            int blobs = inner.blobDigests().size() + single.blobDigests().size();
            assertEquals(blobs, result.blobsCopied());
            assertTrue(target.hasManifestRevision("prod/nested", single.digest()));
        }
    }
}
