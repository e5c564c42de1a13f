package io.imagepromotion.testkit;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Generates images with random, incompressible layers and writes them as OCI image layouts.
 *
 * <p>Each layer is a gzip of a ustar archive holding one file of {@code layerSize} random bytes; the config's
 * {@code rootfs.diff_ids} are the digests of the uncompressed tars. Manifests and configs are pretty-printed with a
 * 3-space indent on purpose: a client that parses and re-serializes them changes the digest, so digest-preservation
 * bugs cannot hide. Output is deterministic for a seed, so two images made with the same seed share layer blobs;
 * use different seeds when a test needs distinct blobs.
 *
 * <p>Docker media type images are stored in the layout too (index.json then names a Docker manifest or list), which
 * skopeo 1.9.3's {@code oci:} transport refuses to read; {@link Skopeo#push} uses {@link LayoutUploader} for them.
 */
public final class TestImages {

    public static final String DEFAULT_TAG = "v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("   ", "\n"))
            .withArrayIndenter(new DefaultIndenter("   ", "\n")));
    private static final String CREATED = "2024-01-01T00:00:00Z";

    private TestImages() {
    }

    /** A single OCI image manifest for linux/amd64. */
    public static TestImage oci(Path dir, int layers, int layerSize, long seed) {
        return single(dir, Format.OCI, layers, layerSize, seed);
    }

    /** A single Docker image manifest v2 schema 2 for linux/amd64. */
    public static TestImage dockerSchema2(Path dir, int layers, int layerSize, long seed) {
        return single(dir, Format.DOCKER, layers, layerSize, seed);
    }

    /**
     * An OCI image index over one OCI manifest per platform ("os/arch" or "os/arch/variant", e.g. "linux/arm64/v8"),
     * with an annotation on the index.
     */
    public static TestImage ociIndex(Path dir, List<String> platforms, int layersPerPlatform, int layerSize, long seed) {
        return multi(dir, Format.OCI, platforms, layersPerPlatform, layerSize, seed);
    }

    /** A Docker manifest list over one Docker schema 2 manifest per platform. */
    public static TestImage dockerManifestList(Path dir, List<String> platforms, int layersPerPlatform, int layerSize,
                                               long seed) {
        return multi(dir, Format.DOCKER, platforms, layersPerPlatform, layerSize, seed);
    }

    private enum Format {
        OCI(TestImage.OCI_MANIFEST, TestImage.OCI_INDEX, "application/vnd.oci.image.config.v1+json",
                "application/vnd.oci.image.layer.v1.tar+gzip"),
        DOCKER(TestImage.DOCKER_MANIFEST, TestImage.DOCKER_MANIFEST_LIST,
                "application/vnd.docker.container.image.v1+json", "application/vnd.docker.image.rootfs.diff.tar.gzip");

        final String manifestType;
        final String listType;
        final String configType;
        final String layerType;

        Format(String manifestType, String listType, String configType, String layerType) {
            this.manifestType = manifestType;
            this.listType = listType;
            this.configType = configType;
            this.layerType = layerType;
        }
    }

    private record Platform(String os, String architecture, String variant) {
        static Platform parse(String text) {
            String[] parts = text.split("/", -1);
            if (parts.length < 2 || parts.length > 3 || Stream.of(parts).anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("platform must be os/arch or os/arch/variant, got: " + text);
            }
            return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
        }

        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode().put("architecture", architecture).put("os", os);
            if (variant != null) {
                node.put("variant", variant);
            }
            return node;
        }
    }

    private record Descriptor(String mediaType, String digest, long size) {
        ObjectNode toJson() {
            return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
        }
    }

    private record LayerBlob(Descriptor blob, String diffId) {
    }

    /** Accumulates the blobs written to one layout. */
    private static final class LayoutWriter {
        final Path layout;
        final Path blobs;
        final Map<String, Long> blobSizes = new LinkedHashMap<>();
        final SplittableRandom random;
        int layerCounter;

        LayoutWriter(Path layout, long seed) throws IOException {
            if (Files.exists(layout.resolve("index.json"))) {
                throw new IllegalArgumentException(layout + " already holds an OCI layout; use a fresh directory per image");
            }
            this.layout = layout;
            this.blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
            this.random = new SplittableRandom(seed);
        }

        Descriptor writeJson(String mediaType, ObjectNode json) throws IOException {
            byte[] bytes = PRETTY.writeValueAsBytes(json);
            String digest = Sha256.digestOf(bytes);
            Files.write(blobs.resolve(Sha256.hex(digest)), bytes);
            return new Descriptor(mediaType, digest, bytes.length);
        }

        /** Writes one gzipped single-file tar. */
        LayerBlob writeLayer(String mediaType, int size) throws IOException {
            SplittableRandom layerRandom = random.split();
            int layerNumber = ++layerCounter;
            Path temp = Files.createTempFile(blobs, "layer", ".tmp");
            MessageDigest compressed = Sha256.newDigest();
            MessageDigest uncompressed = Sha256.newDigest();
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
                 DigestOutputStream compressedOut = new DigestOutputStream(file, compressed);
                 GZIPOutputStream gzip = new FastGzipOutputStream(compressedOut);
                 DigestOutputStream tar = new DigestOutputStream(gzip, uncompressed)) {
                writeSingleFileTar(tar, "testkit/layer-" + layerNumber + ".bin", size, layerRandom);
            }
            String digest = Sha256.format(compressed.digest());
            String diffId = Sha256.format(uncompressed.digest());
            Path target = blobs.resolve(Sha256.hex(digest));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            long blobSize = Files.size(target);
            blobSizes.put(digest, blobSize);
            return new LayerBlob(new Descriptor(mediaType, digest, blobSize), diffId);
        }

        Descriptor writeImageManifest(Format format, Platform platform, int layers, int layerSize, long seed)
                throws IOException {
            ArrayNode layerDescriptors = JSON.createArrayNode();
            ArrayNode diffIds = JSON.createArrayNode();
            ArrayNode history = JSON.createArrayNode();
            for (int i = 0; i < layers; i++) {
                LayerBlob layer = writeLayer(format.layerType, layerSize);
                layerDescriptors.add(layer.blob().toJson());
                diffIds.add(layer.diffId());
                history.addObject().put("created", CREATED).put("created_by", "testkit random layer " + (i + 1));
            }
            ObjectNode config = JSON.createObjectNode().put("created", CREATED)
                    .put("architecture", platform.architecture()).put("os", platform.os());
            if (platform.variant() != null) {
                config.put("variant", platform.variant());
            }
            ObjectNode runConfig = config.putObject("config");
            runConfig.putArray("Env").add("PATH=/usr/local/bin:/usr/bin:/bin");
            runConfig.putObject("Labels").put("io.imagepromotion.testkit.seed", Long.toString(seed));
            ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
            rootfs.set("diff_ids", diffIds);
            config.set("history", history);
            Descriptor configDescriptor = writeJson(format.configType, config);
            blobSizes.put(configDescriptor.digest(), configDescriptor.size());

            ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", format.manifestType);
            manifest.set("config", configDescriptor.toJson());
            manifest.set("layers", layerDescriptors);
            return writeJson(format.manifestType, manifest);
        }

        void writeIndexJson(Descriptor top, String tag) throws IOException {
            ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", TestImage.OCI_INDEX);
            ObjectNode entry = top.toJson();
            entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
            index.putArray("manifests").add(entry);
            Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
            Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
        }

        TestImage image(Descriptor top, List<String> children) {
            long bytes = blobSizes.values().stream().mapToLong(Long::longValue).sum();
            return new TestImage(layout, DEFAULT_TAG, top.digest(), top.mediaType(), List.copyOf(blobSizes.keySet()),
                    bytes, children);
        }
    }

    private static TestImage single(Path dir, Format format, int layers, int layerSize, long seed) {
        checkSizes(layers, layerSize);
        try {
            LayoutWriter writer = new LayoutWriter(dir, seed);
            Descriptor manifest = writer.writeImageManifest(format, new Platform("linux", "amd64", null), layers,
                    layerSize, seed);
            writer.writeIndexJson(manifest, DEFAULT_TAG);
            return writer.image(manifest, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test image to " + dir, e);
        }
    }

    private static TestImage multi(Path dir, Format format, List<String> platforms, int layersPerPlatform,
                                   int layerSize, long seed) {
        checkSizes(layersPerPlatform, layerSize);
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("a multi-platform image needs at least one platform");
        }
        List<Platform> parsed = platforms.stream().map(Platform::parse).toList();
        try {
            LayoutWriter writer = new LayoutWriter(dir, seed);
            ArrayNode entries = JSON.createArrayNode();
            List<String> children = new ArrayList<>();
            for (Platform platform : parsed) {
                Descriptor child = writer.writeImageManifest(format, platform, layersPerPlatform, layerSize, seed);
                ObjectNode entry = child.toJson();
                entry.set("platform", platform.toJson());
                entries.add(entry);
                children.add(child.digest());
            }
            ObjectNode list = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", format.listType);
            list.set("manifests", entries);
            if (format == Format.OCI) {
                list.putObject("annotations").put("io.imagepromotion.testkit.seed", Long.toString(seed));
            }
            Descriptor top = writer.writeJson(format.listType, list);
            writer.writeIndexJson(top, DEFAULT_TAG);
            return writer.image(top, children);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test image to " + dir, e);
        }
    }

    private static void checkSizes(int layers, int layerSize) {
        if (layers < 0 || layerSize < 0) {
            throw new IllegalArgumentException("layers and layerSize must be >= 0, got " + layers + " and " + layerSize);
        }
    }

    /** ustar archive with one regular file of random bytes, then the two zero end blocks. */
    private static void writeSingleFileTar(OutputStream out, String name, int size, SplittableRandom random)
            throws IOException {
        byte[] header = new byte[512];
        putAscii(header, 0, name);
        putAscii(header, 100, "0000644");
        putAscii(header, 108, "0000000");
        putAscii(header, 116, "0000000");
        putAscii(header, 124, String.format("%011o", size));
        putAscii(header, 136, String.format("%011o", 1704067200L)); // 2024-01-01, fixed for reproducible digests
        header[156] = '0';
        putAscii(header, 257, "ustar");
        putAscii(header, 263, "00");
        putAscii(header, 265, "root");
        putAscii(header, 297, "root");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xFF;
        }
        putAscii(header, 148, String.format("%06o", checksum));
        header[154] = 0;
        header[155] = ' ';
        out.write(header);

        byte[] chunk = new byte[1 << 16];
        int remaining = size;
        while (remaining > 0) {
            int n = Math.min(chunk.length, remaining);
            random.nextBytes(chunk);
            out.write(chunk, 0, n);
            remaining -= n;
        }
        int padding = (512 - size % 512) % 512;
        out.write(new byte[padding + 1024]);
    }

    private static void putAscii(byte[] target, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > 100) {
            throw new IllegalArgumentException("tar field too long: " + value);
        }
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    /** gzip at level 1: the payload is random, so a higher level only costs CPU. */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
