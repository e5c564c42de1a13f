package io.imagepromotion.bench;

import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the benchmark's images, generated with random (incompressible) layers and pushed to the source registry
 * under {@code dev/<name>}.
 */
record BenchImage(String name, String description, TestImage image) {
    private static final int MIB = 1024 * 1024;

    static BenchImage generate(String name, Path dir) {
        return switch (name) {
            case "big" -> new BenchImage(name, "10 layers x 10 MiB", TestImages.oci(dir, 10, 10 * MIB, 601));
            case "many" -> new BenchImage(name, "100 layers x 100 KiB", TestImages.oci(dir, 100, 100 * 1024, 602));
            case "multi" -> new BenchImage(name, "multi-arch, 4 platforms x 2 layers x 1 MiB", TestImages.ociIndex(dir,
                    List.of("linux/amd64", "linux/arm64/v8", "linux/arm/v7", "linux/s390x"), 2, MIB, 603));
            default -> throw new IllegalArgumentException("unknown image " + name);
        };
    }

    String repository() {
        return "dev/" + name;
    }

    /** Distinct config and layer blobs over all platforms. */
    int blobs() {
        return image.blobDigests().size();
    }

    /** Platform manifests of an index; 0 for a single manifest. */
    int childManifests() {
        return image.childManifestDigests().size();
    }

    String digest() {
        return image.digest();
    }
}
