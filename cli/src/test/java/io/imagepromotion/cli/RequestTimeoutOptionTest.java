package io.imagepromotion.cli;

import com.sun.net.httpserver.HttpServer;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestTimeoutOptionTest {
    @Test
    void aRequestTimeoutThatIsNotAPositiveDurationUpToAnHourIsAnInputError(@TempDir Path dir) throws IOException {
        Map<String, String> env = Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
        for (String value : new String[]{"soon", "0", "-5s", "61m", "2h"}) {
            CliRun run = CliRun.run(env, "", "copy", "--request-timeout=" + value, "127.0.0.1:1/dev/app:1", "127.0.0.1:1/prod/app:1");
            assertEquals(2, run.exitCode(), value + ": " + run);
            assertTrue(run.err().contains("--request-timeout"), run.toString());
        }
    }

    @Test
    void theRequestTimeoutBoundsASlowAnswerAndTheTargetStays(@TempDir Path dir) throws Exception {
        CountDownLatch hungUp = new CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        slow.createContext("/", ex -> {
            // Headers at once, then one byte every 100 ms: java.net.http's own timeout never fires.
            ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
            ex.getResponseHeaders().add("Docker-Distribution-Api-Version", "registry/2.0");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException closed) {
                hungUp.countDown();
            }
        });
        slow.start();
        try (RegistryServer target = RegistryServer.startPlain(dir.resolve("target"))) {
            TestImage live = TestImages.oci(dir.resolve("live"), 1, 8 * 1024, 121);
            Skopeo.forRegistry(target).push(live, target.host() + "/prod/app:live");
            Map<String, String> env = Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
            CliRun run = CliRun.run(env, "", "copy", "--request-timeout", "1s", "--json",
                    "127.0.0.1:" + slow.getAddress().getPort() + "/dev/app:1", target.host() + "/prod/app:live");
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains("request timeout of 1 s"), run.toString());
            assertEquals(1, run.json().path("exitCode").asInt(), run.toString());
            assertTrue(hungUp.await(30, TimeUnit.SECONDS), "the client hung up on the slow answer");
            assertEquals(live.digest(), target.tagDigestOnDisk("prod/app", "live").orElseThrow());
        } finally {
            slow.stop(0);
        }
    }
}
