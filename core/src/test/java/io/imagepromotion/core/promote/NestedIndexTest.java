package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
            // An outer index over an index and an image.
            ImageReference outerRef = ImageReference.parse(source.host() + "/dev/nested:outer");
            String outerDigest = Digest.sha256(pushIndex(outerRef, List.of(indexEntry(inner), imageEntry(single, "riscv64")))).toString();

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

    @Test
    void everyNestedIndexIsPushedAfterItsOwnChildrenAndTheTagLast(@TempDir Path dir) throws Exception {
        try (RegistryServer source = RegistryServer.startPlain(dir.resolve("source"));
             RegistryServer target = RegistryServer.startPlain(dir.resolve("target"))) {
            // top -> [middle -> [inner -> [amd64, arm64], single], other]: three levels of indexes.
            TestImage inner = TestImages.ociIndex(dir.resolve("inner"), List.of("linux/amd64", "linux/arm64/v8"), 1, 8 * 1024, 83);
            TestImage single = TestImages.oci(dir.resolve("single"), 1, 8 * 1024, 84);
            TestImage other = TestImages.oci(dir.resolve("other"), 1, 8 * 1024, 85);
            Skopeo skopeo = Skopeo.forRegistry(source);
            skopeo.push(inner, source.host() + "/dev/deep:inner");
            skopeo.push(single, source.host() + "/dev/deep:single");
            skopeo.push(other, source.host() + "/dev/deep:other");
            byte[] middleBytes = pushIndex(ImageReference.parse(source.host() + "/dev/deep:middle"),
                    List.of(indexEntry(inner), imageEntry(single, "riscv64")));
            String middle = Digest.sha256(middleBytes).toString();
            ImageReference topRef = ImageReference.parse(source.host() + "/dev/deep:top");
            String top = Digest.sha256(pushIndex(topRef, List.of(indexEntry(middle, middleBytes.length), imageEntry(other, "mips64le"))))
                    .toString();

            int mark = target.accessLogMark();
            PromotionResult result;
            try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
                result = promoter.promote(PromotionRequest.builder(topRef)
                        .target(ImageReference.parse(target.host() + "/prod/deep:1")).build());
            }

            // HEAD of the tag, a POST and a PUT per blob, the manifests, the read-back HEAD of the tag
            int expected = 1 + 2 * result.blobsCopied() + result.manifestsPushed() + 1;
            List<AccessLogEntry> log = RegistryRequests.since(target, mark, expected);
            String described = RegistryRequests.describe(log);
            assertEquals(expected, log.size(), described);
            Map<String, List<String>> childrenOf = Map.of(
                    inner.digest(), inner.childManifestDigests(),
                    middle, List.of(inner.digest(), single.digest()));
            childrenOf.forEach((index, children) -> {
                int indexPut = indexOfPut(log, index);
                for (String child : children) {
                    int childPut = indexOfPut(log, child);
                    assertTrue(childPut >= 0 && childPut < indexPut, child + " pushed before its index " + index + described);
                }
            });
            assertEquals(log.size() - 2, indexOfPut(log, "1"), "the tag is the last write" + described);
            assertEquals("HEAD", log.get(log.size() - 1).method(), "only the tag's read-back follows it" + described);
            // inner's 2 children, inner, single, middle, other, and the tag
            assertEquals(7, result.manifestsPushed());
            assertEquals(7, log.stream().filter(e -> e.method().equals("PUT") && e.path().contains("/manifests/")).count(), described);
            assertEquals(top, Skopeo.forRegistry(target).digest(target.host() + "/prod/deep:1"));
        }
    }

    private static int indexOfPut(List<AccessLogEntry> log, String tagOrDigest) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).method().equals("PUT") && log.get(i).path().endsWith("/manifests/" + tagOrDigest)) {
                return i;
            }
        }
        return -1;
    }

    private static String indexEntry(TestImage index) {
        return indexEntry(index.digest(), index.manifestBytes().length);
    }

    private static String indexEntry(String digest, int size) {
        return "{\"mediaType\": \"" + MediaTypes.OCI_INDEX + "\", \"digest\": \"" + digest + "\", \"size\": " + size + "}";
    }

    private static String imageEntry(TestImage image, String architecture) {
        return "{\"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\", \"digest\": \"" + image.digest() + "\", \"size\": "
                + image.manifestBytes().length + ", \"platform\": {\"os\": \"linux\", \"architecture\": \"" + architecture + "\"}}";
    }

    /**
     * Writes an index over the given entries under {@code ref}'s tag and returns its bytes. Pretty-printed, so any
     * re-serialization on the way would change the digest.
     */
    private static byte[] pushIndex(ImageReference ref, List<String> entries) {
        byte[] index = ("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + MediaTypes.OCI_INDEX + "\",\n  \"manifests\": [\n    "
                + String.join(",\n    ", entries) + "\n  ]\n}\n").getBytes(StandardCharsets.UTF_8);
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            new RegistryClient(transport).putManifest(ref, ref.tag(), RawManifest.of(index, MediaTypes.OCI_INDEX, ref.tag()));
        }
        return index;
    }
}
