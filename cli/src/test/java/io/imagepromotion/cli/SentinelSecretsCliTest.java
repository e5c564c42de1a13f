package io.imagepromotion.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestCertificates;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 §5 for the CLI: a sentinel password and a sentinel bearer token go through every failing path of
 * {@code bin/promote} (wrong credentials from flags and stdin, TLS failure, token service errors and servers echoing
 * what they were sent, hostile answers, a refused compare-and-set, invalid arguments with credentials present, ledger
 * signing errors). stdout (the JSON included), stderr, and every file written under the work directory and the lock
 * directory are searched: 0 hits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentinelSecretsCliTest {
    private static final String USER = "sentinel-user";
    private static final String PASSWORD = "Pw-SENTINEL-cli-5d2e90";
    private static final String TOKEN = "Tk-SENTINEL-cli-a07c44";
    private static final int PATHS = 21;

    Path work;
    Map<String, String> env;
    TestCertificates tls;
    RegistryServer secured;
    RegistryServer target;
    HttpServer echoing;
    volatile String mode = "";
    TestImage image;
    TestImage live;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        work = dir;
        env = Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
        tls = TestCertificates.create(dir.resolve("tls"));
        secured = RegistryServer.startHtpasswdTls(dir.resolve("secured"), tls, Map.of(USER, PASSWORD));
        target = RegistryServer.startPlain(dir.resolve("target"));
        image = TestImages.oci(dir.resolve("image"), 2, 16 * 1024, 141);
        live = TestImages.oci(dir.resolve("live"), 1, 8 * 1024, 142);
        Skopeo.forRegistry(secured).withCredentials(USER, PASSWORD).push(image, secured.host() + "/dev/app:1");
        Skopeo.forRegistry(secured).withCredentials(USER, PASSWORD).push(live, secured.host() + "/prod/app:live");
        Skopeo.forRegistry(target).push(live, target.host() + "/prod/app:live");
        echoing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        echoing.createContext("/", this::answer);
        echoing.start();
    }

    @AfterAll
    void stop() {
        echoing.stop(0);
        secured.close();
        target.close();
    }

    /**
     * A registry with bearer auth whose token service and registry misbehave as {@link #mode} says, echoing the
     * Authorization header they got into their error bodies, as a careless server might.
     */
    private void answer(HttpExchange ex) throws IOException {
        String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
        String path = ex.getRequestURI().getPath();
        if (path.equals("/token")) {
            switch (mode) {
                case "token-401" -> respond(ex, 401, echo("UNAUTHORIZED", auth));
                case "token-500" -> respond(ex, 500, echo("UNKNOWN", auth));
                case "token-not-json" -> respond(ex, 200, ("<html>" + auth + "</html>").getBytes());
                default -> respond(ex, 200, ("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}").getBytes());
            }
            return;
        }
        if (!auth.equals("Bearer " + TOKEN)) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://localhost:" + echoing.getAddress().getPort()
                    + "/token\",service=\"echo\"");
            respond(ex, 401, echo("UNAUTHORIZED", auth));
            return;
        }
        switch (mode) {
            case "denied" -> respond(ex, 403, echo("DENIED", auth));
            case "huge" -> {
                ex.sendResponseHeaders(200, 64L * 1024 * 1024);
                ex.close();
            }
            case "slow" -> {
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = ex.getResponseBody()) {
                    for (int i = 0; i < 600; i++) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException hungUp) {
                    // the client gave up, as it should
                }
            }
            default -> respond(ex, 500, echo("UNKNOWN", auth + " " + TOKEN));
        }
    }

    private static byte[] echo(String code, String authorization) {
        return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"you sent " + authorization + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static List<String> forms() {
        return List.of(PASSWORD, TOKEN, "SENTINEL",
                Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> hits(String text) {
        return forms().stream().filter(text::contains).toList();
    }

    @Test
    void noFailingPathOfTheCliShowsTheSentinelPasswordOrToken() throws Exception {
        Map<String, CliRun> runs = new LinkedHashMap<>();
        Map<String, Integer> expectedExit = new LinkedHashMap<>();
        String ca = tls.caCertificate().toString();
        String src = secured.host() + "/dev/app:1";
        String dst = target.host() + "/prod/app:live";
        String hostile = "127.0.0.1:" + echoing.getAddress().getPort() + "/dev/app:1";
        Path notAKey = Files.writeString(work.resolve("not-a-key.pem"),
                "-----BEGIN PRIVATE KEY-----\n" + PASSWORD + "\n-----END PRIVATE KEY-----\n");

        class Paths {
            void run(String name, int exit, String stdin, String... args) {
                runs.put(name, CliRun.run(env, stdin, args));
                expectedExit.put(name, exit);
            }
        }
        Paths p = new Paths();
        p.run("wrong user, password in the flag", 1, "", "copy", "--json", "--ca-cert", ca, "--src-creds", "nobody:" + PASSWORD, src, dst);
        p.run("wrong user, password on stdin", 1, PASSWORD + "\n", "copy", "--ca-cert", ca, "--src-creds", "nobody", src, dst);
        p.run("TLS failure: CA not given", 1, "", "copy", "--json", "--src-creds", USER + ":" + PASSWORD, src, dst);
        p.run("TLS failure in history", 1, "", "history", "--json", "--src-creds", USER + ":" + PASSWORD, secured.host() + "/prod/app:live");
        p.run("wrong password in status", 1, "", "status", "--ca-cert", ca, "--src-creds", USER + ":not-" + PASSWORD, secured.host() + "/prod/app:live");
        p.run("refused compare-and-set", 3, "", "copy", "--json", "--ca-cert", ca, "--src-creds", USER + ":" + PASSWORD,
                "--expect-current", "sha256:" + "c".repeat(64), src, dst);
        p.run("refused compare-and-set, credentials from stdin", 3, PASSWORD + "\n", "copy", "--ca-cert", ca, "--dest-creds", USER,
                "--expect-absent", src, secured.host() + "/prod/app:live");
        p.run("invalid: bad --request-timeout with credentials", 2, "", "copy", "--json", "--src-creds", USER + ":" + PASSWORD,
                "--request-timeout", "soon", src, dst);
        p.run("invalid: credentials written into the reference", 2, "", "copy", "--json",
                USER + ":" + PASSWORD + "@" + secured.host() + "/dev/app:1", dst);
        p.run("invalid: credentials without a user", 2, "", "copy", "--src-creds", ":" + PASSWORD, src, dst);
        p.run("invalid: unknown option with credentials", 2, "", "copy", "--bogus", "--src-creds", USER + ":" + PASSWORD, src, dst);
        p.run("invalid: bad digest with credentials", 2, "", "copy", "--src-creds", USER + ":" + PASSWORD, "--expect-current", "sha256:not-hex", src, dst);
        p.run("ledger: key file holding the password", 2, "", "copy", "--json", "--ca-cert", ca, "--src-creds", USER + ":" + PASSWORD,
                "--environment", "prod", "--sign-key", notAKey.toString(), src, dst);
        p.run("ledger: history --verify-key not a key", 2, "", "history", "--ca-cert", ca, "--src-creds", USER + ":" + PASSWORD,
                "--verify-key", notAKey.toString(), secured.host() + "/prod/app:live");

        String creds = USER + ":" + PASSWORD;
        mode = "token-401";
        p.run("token service rejects (echoing the Basic header)", 1, "", "copy", "--json", "--src-creds", creds, hostile, dst);
        mode = "token-500";
        p.run("token service error (echoing the Basic header)", 1, "", "copy", "--json", "--src-creds", creds, hostile, dst);
        mode = "token-not-json";
        p.run("token answer not JSON (echoing the Basic header)", 1, "", "copy", "--json", "--src-creds", creds, hostile, dst);
        mode = "denied";
        p.run("registry denies, echoing the bearer token", 1, "", "copy", "--json", "--src-creds", creds, hostile, dst);
        mode = "error";
        p.run("registry error, echoing the token", 1, "", "copy", "--json", "--src-creds", creds, hostile, dst);
        mode = "huge";
        p.run("hostile: manifest over 4 MiB", 1, "", "copy", "--json", "--src-creds", creds, hostile, dst);
        mode = "slow";
        p.run("hostile: never-ending manifest, --request-timeout 1s", 1, "", "copy", "--json", "--request-timeout", "1s",
                "--src-creds", creds, hostile, dst);
        mode = "";

        assertEquals(PATHS, runs.size(), runs.keySet().toString());
        Map<String, String> wrong = new LinkedHashMap<>();
        runs.forEach((name, run) -> {
            if (run.exitCode() != expectedExit.get(name)) {
                wrong.put(name, run.toString());
            }
            if (!hits(run.all()).isEmpty()) {
                wrong.put(name, "leaked " + hits(run.all()) + "\n" + run);
            }
            if (run.err().contains("\tat ")) {
                wrong.put(name, "a raw stack trace\n" + run);
            }
        });
        assertEquals(Map.of(), wrong);
        assertEquals(live.digest(), target.tagDigestOnDisk("prod/app", "live").orElseThrow(), "target damaged");
        assertEquals(live.digest(), secured.tagDigestOnDisk("prod/app", "live").orElseThrow(), "target damaged");

        // A promotion that works, recorded, so the storage and the lock directory hold what a run writes.
        CliRun ok = CliRun.run(env, "", "copy", "--json", "--ca-cert", ca, "--src-creds", creds, "--dest-creds", creds,
                "--environment", "prod", src, secured.host() + "/prod/app:recorded");
        assertEquals(0, ok.exitCode(), ok::toString);
        assertEquals(List.of(), hits(ok.all()), ok::toString);

        List<Path> files = new ArrayList<>();
        for (Path root : List.of(work, TargetLocks.defaultDirectory())) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.equals(notAKey)).forEach(files::add);
                }
            }
        }
        List<String> fileLeaks = new ArrayList<>();
        for (Path f : files) {
            List<String> found = hits(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            if (!found.isEmpty()) {
                fileLeaks.add(f + " " + found);
            }
        }
        assertEquals(List.of(), fileLeaks);
        assertTrue(files.stream().anyMatch(f -> f.toString().contains("promotion-ledger")), "the ledger's files were scanned");
        System.out.println("SENTINEL cli: " + runs.size() + " failing runs + 1 recorded copy, " + files.size() + " files scanned, 0 hits");
    }
}
