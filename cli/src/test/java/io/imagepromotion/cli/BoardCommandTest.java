package io.imagepromotion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagepromotion.testkit.RegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code promote board}: its JSON and page for a real ledger, its help, and its errors. BoardBrowserTest renders the page. */
class BoardCommandTest {
    private static Map<String, String> env(Path dir) throws Exception {
        return Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
    }

    @Test
    void jsonListsTheLanesInTheOrderGivenWithStatesAndWaitingDigests(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"));
             BoardScenario s = BoardScenario.write(registry, dir)) {
            Path page = dir.resolve("board.html");
            List<String> args = new ArrayList<>(List.of("board", "--json", "--out", page.toString(), s.prod, s.dev, s.staging));
            CliRun run = CliRun.run(env(dir), "", args.toArray(String[]::new));

            assertEquals(0, run.exitCode(), run::toString);
            JsonNode lanes = run.json().get("lanes");
            assertEquals(List.of(s.prod, s.dev, s.staging), List.of(lanes.get(0).get("tag").asText(),
                    lanes.get(1).get("tag").asText(), lanes.get(2).get("tag").asText()));
            assertEquals("drift", lanes.get(0).get("state").asText());
            assertEquals("in-sync", lanes.get(1).get("state").asText());
            assertEquals(s.builds[4].toString(), lanes.get(1).get("current").asText());
            assertEquals("rollback", lanes.get(2).get("lastRecord").get("kind").asText());
            JsonNode digests = run.json().get("digests");
            assertEquals(s.builds[3].toString(), digests.get(0).get("digest").asText());
            assertTrue(digests.get(0).get("waiting").asBoolean(), "prod's build 3 is not in dev or staging, which follow it here");
            assertTrue(run.err().contains("board written to " + page.toAbsolutePath()), run::toString);
            assertTrue(Files.readString(page).contains("<td class=\"tag\">" + s.prod + "</td>"));
        }
    }

    @Test
    void helpShowsAnExample(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.run(env(dir), "", "board", "--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("promote board --out board.html reg.example.com/app:dev \\\n"), run.out());
    }

    @Test
    void aDigestInsteadOfATagIsRefusedWithExit2AndWhatToDo(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.run(env(dir), "", "board", "127.0.0.1:1/app@sha256:" + "a".repeat(64));
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("is not a tag: name each environment by its tag"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void noTagIsAUsageErrorWithExit2(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.run(env(dir), "", "board");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Missing required parameter: 'TAG'"), run::toString);
    }

    @Test
    void anOutFileInAMissingDirectoryIsRefusedWithExit2BeforeAnyRequest(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"))) {
            Path out = dir.resolve("no/such/dir/board.html");
            int mark = registry.accessLogMark();
            CliRun run = CliRun.run(env(dir), "", "board", "--out", out.toString(), registry.host() + "/app:prod");
            assertEquals(2, run.exitCode(), run::toString);
            assertTrue(run.err().contains("does not exist; create it first"), run::toString);
            assertFalse(Files.exists(out));
            assertEquals(List.of(), AccessLogs.since(registry, mark, 0));
        }
    }
}
