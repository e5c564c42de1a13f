package io.imagepromotion.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.PodmanService;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why the product exists: an image round-tripped through an engine ({@code pull -> tag -> push} to another registry)
 * lands with a different digest, while {@link ImagePromoter#promote} keeps the digest byte for byte, multi-arch
 * included. The measured digests are printed (target/surefire-reports/*-output.txt).
 */
class EngineRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static RegistryServer source;
    static RegistryServer destination;
    static PodmanService podman;

    @BeforeAll
    static void startServers() throws IOException {
        source = RegistryServer.startPlain(dir.resolve("source"));
        destination = RegistryServer.startPlain(dir.resolve("destination"));
        podman = PodmanService.start(dir.resolve("podman"), List.of(source.host(), destination.host()));
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable c : new AutoCloseable[] {podman, destination, source}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the others must still be stopped
            }
        }
    }

    /** A seed no earlier run used: the machine-wide blob-info cache must not know these layers. */
    private static long freshSeed() {
        return ThreadLocalRandom.current().nextLong();
    }

    @Test
    void engineRoundTripChangesTheDigestPromotionKeepsIt() throws Exception {
        TestImage image = TestImages.oci(dir.resolve("single"), 3, 256 * 1024, freshSeed());
        String src = source.host() + "/src/app:v1";
        Skopeo.forRegistry(source).push(image, src);

        String viaEngine = destination.host() + "/engine/app:v1";
        roundTripThroughEngine(src, viaEngine);
        String promoted = destination.host() + "/promoted/app:v1";
        promote(src, promoted);

        Skopeo skopeo = Skopeo.forRegistry(destination);
        JsonNode original = JSON.readTree(image.manifestBytes());
        JsonNode engineManifest = JSON.readTree(skopeo.rawManifest(viaEngine));
        System.out.printf("single-arch OCI, 3 x 256 KiB layers%n  source   %s%n  engine   %s%n  promoted %s%n",
                image.digest(), skopeo.digest(viaEngine), skopeo.digest(promoted));
        System.out.printf("  layers source %s%n  layers engine %s%n", layerDigests(original), layerDigests(engineManifest));

        assertNotEquals(image.digest(), skopeo.digest(viaEngine), "the engine round trip changed the digest");
        assertEquals(original.path("config").path("digest"), engineManifest.path("config").path("digest"),
                "same image config: the content is the same image");
        List<String> sourceLayers = layerDigests(original);
        List<String> engineLayers = layerDigests(engineManifest);
        assertEquals(sourceLayers.size(), engineLayers.size());
        for (int i = 0; i < sourceLayers.size(); i++) {
            assertNotEquals(sourceLayers.get(i), engineLayers.get(i), "layer " + i + " was recompressed by the engine");
        }
        assertEquals(image.digest(), skopeo.digest(promoted));
        assertArrayEquals(image.manifestBytes(), skopeo.rawManifest(promoted), "promotion keeps the manifest bytes");
    }

    @Test
    void engineRoundTripFlattensMultiArchPromotionKeepsTheIndex() throws Exception {
        TestImage index = TestImages.ociIndex(dir.resolve("multi"), List.of("linux/amd64", "linux/arm64"), 1,
                64 * 1024, freshSeed());
        String src = source.host() + "/src/multi:v1";
        Skopeo.forRegistry(source).push(index, src);

        String viaEngine = destination.host() + "/engine/multi:v1";
        roundTripThroughEngine(src, viaEngine);
        String promoted = destination.host() + "/promoted/multi:v1";
        promote(src, promoted);

        Skopeo skopeo = Skopeo.forRegistry(destination);
        JsonNode engineManifest = JSON.readTree(skopeo.rawManifest(viaEngine));
        System.out.printf("multi-arch OCI index (linux/amd64, linux/arm64)%n  source   %s (children %s)%n"
                        + "  engine   %s (%s)%n  promoted %s%n",
                index.digest(), index.childManifestDigests(), skopeo.digest(viaEngine),
                engineManifest.path("mediaType").asText(), skopeo.digest(promoted));

        assertNotEquals(index.digest(), skopeo.digest(viaEngine));
        assertEquals(TestImage.OCI_MANIFEST, engineManifest.path("mediaType").asText(),
                "the engine pushed one platform's manifest, not the index");
        assertTrue(index.childManifestDigests().stream().noneMatch(d -> d.equals(skopeo.digest(viaEngine))),
                "not even the platform manifest kept its digest");
        assertArrayEquals(index.manifestBytes(), skopeo.rawManifest(promoted));
        String promotedRepo = destination.host() + "/promoted/multi@";
        for (String child : index.childManifestDigests()) {
            assertArrayEquals(index.read(child), skopeo.rawManifest(promotedRepo + child), "child " + child);
        }
    }

    private static List<String> layerDigests(JsonNode manifest) {
        List<String> digests = new ArrayList<>();
        manifest.path("layers").forEach(l -> digests.add(l.path("digest").asText()));
        return digests;
    }

    private static void promote(String src, String target) {
        try (ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT)) {
            promoter.promote(PromotionRequest.builder(ImageReference.parse(src)).target(ImageReference.parse(target)).build());
        }
    }

    /** What a CI job without this product does: docker pull, docker tag, docker push. */
    private static void roundTripThroughEngine(String src, String target) throws Exception {
        ImageReference from = ImageReference.parse(src);
        ImageReference to = ImageReference.parse(target);
        try (DockerClient docker = dockerClient()) {
            Errors<PullResponseItem> pull = new Errors<>();
            docker.pullImageCmd(from.name()).withTag(from.tag()).exec(pull);
            pull.finish("pull " + src);
            docker.tagImageCmd(src, to.name(), to.tag()).withForce(true).exec();
            Errors<PushResponseItem> push = new Errors<>();
            docker.pushImageCmd(to.name()).withTag(to.tag()).withAuthConfig(new AuthConfig()).exec(push);
            push.finish("push " + target);
        }
    }

    /** A docker-java client for the podman service, for the steps that are not under test (pull, tag, push). */
    private static DockerClient dockerClient() {
        DockerHost host = DockerHost.parse(podman.dockerHost(), "test podman service");
        com.github.dockerjava.transport.DockerHttpClient http = new com.github.dockerjava.httpclient5.ApacheDockerHttpClient.Builder()
                .dockerHost(host.uri())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(120))
                .build();
        return com.github.dockerjava.core.DockerClientImpl.getInstance(new EngineClientConfig(host.uri()), http);
    }

    /** Collects error items: pull and push report failures inside a 200 stream. */
    private static final class Errors<T extends ResponseItem> extends ResultCallback.Adapter<T> {
        private final List<String> errors = new ArrayList<>();

        @Override
        public void onNext(T item) {
            if (item.isErrorIndicated()) {
                errors.add(item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError());
            }
        }

        void finish(String what) throws InterruptedException {
            if (!awaitCompletion(120, TimeUnit.SECONDS)) {
                throw new AssertionError(what + " did not finish in 120 s");
            }
            if (!errors.isEmpty()) {
                throw new AssertionError(what + " failed: " + errors);
            }
        }
    }
}
