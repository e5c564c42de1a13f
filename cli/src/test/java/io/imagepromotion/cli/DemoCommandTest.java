package io.imagepromotion.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {
    @Test
    void demoPromotesThroughAllStagesWithOneDigest(@TempDir Path home) {
        CliRun run = CliRun.run(Map.of("HOME", home.toString()), "", "demo");

        assertEquals(0, run.exitCode(), run::toString);
        List<String> digestLines = run.outLines().stream().filter(l -> l.matches("\\s+\\S+/app:\\S+\\s+sha256:[0-9a-f]{64}")).toList();
        assertEquals(4, digestLines.size(), run::toString);
        String digest = digestLines.get(0).substring(digestLines.get(0).indexOf("sha256:"));
        assertTrue(digestLines.stream().allMatch(l -> l.endsWith(digest)), run::toString);
        assertTrue(run.out().contains("   digest " + digest), "the stages hold what CI built: " + run.out());
        assertTrue(run.out().contains("6. promoting again is a no-op: changed=false"), run.out());
    }

    @Test
    void demoShowsTheHistoryAndStatusOfItsEnvironments(@TempDir Path home) {
        CliRun run = CliRun.run(Map.of("HOME", home.toString()), "", "demo");

        assertEquals(0, run.exitCode(), run::toString);
        List<String> histories = run.outLines().stream().filter(l -> l.trim().startsWith("history of ")).toList();
        assertEquals(2, histories.size(), run::toString);
        assertTrue(histories.get(0).contains("/staging/app:build-1"), run::toString);
        assertTrue(histories.get(1).contains("/production/app:live"), run::toString);
        assertTrue(run.out().contains("environment staging") && run.out().contains("approved by qa-lead (asserted)"), run::toString);
        assertTrue(run.out().contains("environment production") && run.out().contains("approved by release-manager (asserted)"), run::toString);
        List<String> statuses = run.outLines().stream().filter(l -> l.trim().startsWith("OK ")).toList();
        assertEquals(3, statuses.size(), run::toString);
        assertTrue(run.outLines().stream().noneMatch(l -> l.trim().startsWith("DRIFT")), run::toString);
    }

    @Test
    void demoWritesTheBoardOfItsEnvironmentsAndPrintsItsPath(@TempDir Path home) throws Exception {
        CliRun run = CliRun.run(Map.of("HOME", home.toString()), "", "demo");

        assertEquals(0, run.exitCode(), run::toString);
        String line = run.outLines().stream().filter(l -> l.startsWith("10. wrote the environment board")).findFirst()
                .orElseThrow(() -> new AssertionError(run.toString()));
        Path board = Path.of(line.substring(line.lastIndexOf(": ") + 2).trim());
        String html = java.nio.file.Files.readString(board);
        assertTrue(html.contains("Content-Security-Policy"), html);
        assertTrue(html.contains("/staging/app:build-1") && html.contains("/production/app:live"), html);
        assertTrue(html.contains(run.outLines().stream().filter(l -> l.trim().startsWith("digest sha256:")).findFirst()
                .orElseThrow().trim().substring("digest ".length())), html);
    }
}
