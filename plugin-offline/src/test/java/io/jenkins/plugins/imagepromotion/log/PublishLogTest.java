package io.jenkins.plugins.imagepromotion.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.publish.DockerHost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublishLogTest {
    static final Digest DIGEST = Digest.parse("sha256:" + "c".repeat(64));
    static final ImageReference TARGET = ImageReference.parse("registry.example.com/team/myapp:1f2e3d4");
    static final String L1 = "0123456789ab";
    static final String L2 = "ba9876543210";
    static final String L3 = "aaaabbbbcccc";

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicLong clock = new AtomicLong();
    final PublishLog log = new PublishLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(10),
            clock::get);

    List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    void advance(int seconds) {
        clock.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void theEngineLineSaysWhereItsAddressCameFrom() {
        log.connected(DockerHost.resolve(null, "dockerHost", Map.of("DOCKER_HOST", "unix:///run/podman/podman.sock")),
                "Podman Engine 4.3.1 (API 1.41)");
        log.tagged("myapp:local", "sha256:" + "f".repeat(64), TARGET);
        assertEquals(List.of("Docker engine at unix:///run/podman/podman.sock (from DOCKER_HOST): Podman Engine 4.3.1 (API 1.41)",
                "Tagged local image myapp:local (sha256:ffffffffffff) as registry.example.com/team/myapp:1f2e3d4"), lines());
    }

    @Test
    void podmansWholePushLinesAppearAsTheyCome() {
        log.pushStatus("The push refers to repository [registry.example.com/team/myapp]");
        log.pushStatus("1f2e3d4: digest: " + DIGEST + " size: 528");
        log.resolved(TARGET, DIGEST, "application/vnd.oci.image.manifest.v1+json");
        log.published("registry.example.com/team/myapp@" + DIGEST);
        assertEquals(List.of("  The push refers to repository [registry.example.com/team/myapp]",
                "  1f2e3d4: digest: " + DIGEST + " size: 528",
                "Registry serves registry.example.com/team/myapp:1f2e3d4 as " + DIGEST
                        + " (application/vnd.oci.image.manifest.v1+json)",
                "Published registry.example.com/team/myapp@" + DIGEST), lines());
    }

    @Test
    void dockersLayerLinesBecomeAThrottledCountWithAFinalOne() {
        log.pushStatus(L1 + ": Preparing");
        log.pushStatus(L2 + ": Preparing");
        log.pushStatus(L3 + ": Preparing");
        advance(4);
        log.pushStatus(L1 + ": Pushing");
        log.pushStatus(L2 + ": Layer already exists");
        advance(7);
        log.pushStatus(L3 + ": Mounted from team/base");
        log.pushStatus(L1 + ": Pushed");
        log.pushStatus("1f2e3d4: digest: " + DIGEST + " size: 911");
        log.resolved(TARGET, DIGEST, null);
        assertEquals(List.of(
                "  layers: 0/1 done (0 pushed, 0 already there, 0 mounted)",
                "  layers: 2/3 done (0 pushed, 1 already there, 1 mounted)",
                "  1f2e3d4: digest: " + DIGEST + " size: 911",
                "  layers: 3/3 done (1 pushed, 1 already there, 1 mounted)",
                "Registry serves registry.example.com/team/myapp:1f2e3d4 as " + DIGEST), lines());
    }

    @Test
    void theFinalCountIsNotRepeatedWhenTheLastReportSaidIt() {
        log.pushStatus(L1 + ": Layer already exists");
        log.resolved(TARGET, DIGEST, null);
        log.published("registry.example.com/team/myapp@" + DIGEST);
        assertEquals(List.of("  layers: 1/1 done (0 pushed, 1 already there, 0 mounted)",
                "Registry serves registry.example.com/team/myapp:1f2e3d4 as " + DIGEST,
                "Published registry.example.com/team/myapp@" + DIGEST), lines());
    }

    @Test
    void warningsAreMarked() {
        log.warning("pushing to registry.example.com/team/myapp:latest: promote from an immutable tag");
        assertEquals(List.of("WARNING: pushing to registry.example.com/team/myapp:latest: promote from an immutable tag"),
                lines());
    }

    @Test
    void imageIdsAreShortened() {
        assertEquals("sha256:0123456789ab", PublishLog.shortId("sha256:0123456789abcdef"));
        assertEquals("0123456789ab", PublishLog.shortId("0123456789abcdef"));
        assertEquals("sha256:abc", PublishLog.shortId("sha256:abc"));
        assertEquals("no ID", PublishLog.shortId(null));
    }
}
