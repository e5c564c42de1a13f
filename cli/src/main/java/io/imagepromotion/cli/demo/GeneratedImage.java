package io.imagepromotion.cli.demo;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.manifest.MediaTypes;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A small random OCI image for the demo: a few gzipped tar layers of random bytes and a config with matching
 * diff_ids, pushed with our own registry client, standing in for what a CI build pushes once.
 */
public final class GeneratedImage {
    private GeneratedImage() {
    }

    /** Pushes the image to {@code target} and returns its manifest digest. */
    public static Digest push(RegistryClient client, ImageReference target, int layers, int layerSize, long seed) {
        Random random = new Random(seed);
        List<String> layerDescriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            byte[] content = new byte[layerSize];
            random.nextBytes(content);
            byte[] tar = tar("layer-" + i + ".bin", content);
            byte[] gz = gzip(tar);
            diffIds.add("\"" + Digest.sha256(tar) + "\"");
            Digest d = upload(client, target, gz);
            layerDescriptors.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + d
                    + "\",\"size\":" + gz.length + "}");
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/demo\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]},"
                + "\"history\":[{\"created_by\":\"promote demo\"}]}").getBytes(StandardCharsets.UTF_8);
        Digest configDigest = upload(client, target, config);
        byte[] manifest = ("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\",\n"
                + "  \"config\": {\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\n  \"layers\": [\n    " + String.join(",\n    ", layerDescriptors)
                + "\n  ]\n}\n").getBytes(StandardCharsets.UTF_8);
        RawManifest raw = RawManifest.of(manifest, MediaTypes.OCI_MANIFEST, target.toString());
        return client.putManifest(target, target.tag(), raw).digest();
    }

    private static Digest upload(RegistryClient client, ImageReference target, byte[] content) {
        Digest d = Digest.sha256(content);
        RegistryClient.UploadSession session = client.startUpload(target);
        client.completeUpload(session, d, () -> new ByteArrayInputStream(content), content.length);
        return d;
    }

    /** A POSIX ustar archive with one regular file. */
    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 2048);
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 1024);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
