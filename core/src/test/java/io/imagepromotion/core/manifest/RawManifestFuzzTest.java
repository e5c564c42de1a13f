package io.imagepromotion.core.manifest;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.fuzz.NearValidInputs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The manifest reader on mutated manifests and indexes: a manifest or an {@link UnsupportedContentException}. */
class RawManifestFuzzTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    @Provide
    Arbitrary<byte[]> manifests() {
        return NearValidInputs.bytesAround(List.of(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + D1 + "\",\"size\":123},\"layers\":[{\"mediaType\":"
                        + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + D2 + "\",\"size\":456,\"urls\":[\"https://x/\"]}]}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":"
                        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + D1 + "\",\"size\":7,\"platform\":{\"os\":"
                        + "\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}}],\"subject\":{\"digest\":\"" + D2 + "\",\"size\":1}}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"manifests\":"
                        + "[{\"digest\":\"" + D1 + "\",\"size\":1},{\"digest\":\"" + D2 + "\",\"size\":2}]}",
                "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + D1 + "\",\"size\":0},\"layers\":[]}",
                "{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}"));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of(null, "application/json", "application/vnd.oci.image.manifest.v1+json; charset=utf-8",
                "APPLICATION/VND.OCI.IMAGE.INDEX.V1+JSON", "text/html", "", ";", "application/vnd.docker.distribution.manifest.v1+prettyjws");
    }

    @Property
    void readingGivesAManifestOrATypedError(@ForAll("manifests") byte[] bytes, @ForAll("contentTypes") String contentType) {
        RawManifest m;
        try {
            m = RawManifest.of(bytes, contentType, "fuzz/app:1");
            m.children().forEach(c -> c.mustBeCopied());
            m.blobs().forEach(b -> b.mustBeCopied());
        } catch (UnsupportedContentException typed) {
            assertFalse(typed.getMessage() == null || typed.getMessage().isBlank(), "an error without a message");
            return;
        }
        assertEquals(Digest.sha256(bytes), m.digest());
        assertEquals(bytes.length, m.size());
    }
}
