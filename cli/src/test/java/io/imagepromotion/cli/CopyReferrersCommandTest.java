package io.imagepromotion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagepromotion.testkit.AccessLogEntry;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code promote copy} carries the cosign tags of the source digest ({@code sha256-<hex>.sig}) along, and
 * {@code --no-referrers} leaves them behind; on a real 2.8.2 registry, checked with skopeo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class CopyReferrersCommandTest {
    RegistryServer registry;
    Skopeo skopeo;
    TestImage image;
    TestImage signature;
    Map<String, String> env;
    String host;
    String sigTag;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        registry = RegistryServer.startPlain(dir.resolve("registry"));
        host = registry.host();
        skopeo = Skopeo.forRegistry(registry);
        image = TestImages.oci(dir.resolve("a"), 2, 16 * 1024, 41);
        // Any manifest under cosign's tag name is what cosign looks up; skopeo pushes one there.
        signature = TestImages.oci(dir.resolve("sig"), 1, 1024, 42);
        skopeo.push(image, host + "/src/app:1");
        sigTag = "sha256-" + image.digest().substring("sha256:".length()) + ".sig";
        skopeo.push(signature, host + "/src/app:" + sigTag);
        env = Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void copyCarriesTheCosignSignatureTagByteIdentical() {
        CliRun run = CliRun.run(env, "", "copy", "--json", host + "/src/app:1", host + "/prod/app:1");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode referrers = run.json().get("referrers");
        assertTrue(referrers.get("enabled").asBoolean());
        assertEquals(List.of(sigTag + "@" + signature.digest()), List.of(referrers.get("found").get(0).asText()));
        assertArrayEquals(skopeo.rawManifest(host + "/src/app:" + sigTag), skopeo.rawManifest(host + "/prod/app:" + sigTag));
        assertEquals(image.digest(), skopeo.digest(host + "/prod/app:1"));
        assertTrue(run.err().contains("referrers: 1 of the source in " + host + "/prod/app (parity checked; 1 manifests written)"),
                run.err());
    }

    @Test
    void noReferrersLeavesThemBehindAndSendsNoDiscoveryRequest() throws Exception {
        int mark = registry.accessLogMark();
        CliRun run = CliRun.run(env, "", "copy", "--json", "--no-referrers", host + "/src/app:1", host + "/bare/app:1");

        assertEquals(0, run.exitCode(), run::toString);
        List<AccessLogEntry> log = AccessLogs.since(registry, mark, run.json().get("requests").asInt());
        assertFalse(run.json().get("referrers").get("enabled").asBoolean());
        assertEquals(0, log.stream().filter(e -> e.path().contains("/tags/list") || e.path().contains("/referrers/")).count(),
                log::toString);
        assertEquals(List.of("1"), skopeo.listTags(host + "/bare/app"));
    }
}
