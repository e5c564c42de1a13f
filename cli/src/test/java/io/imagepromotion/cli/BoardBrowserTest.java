package io.imagepromotion.cli;

import io.imagepromotion.core.board.Board;
import io.imagepromotion.core.board.BoardHtml;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.Chromium;
import io.imagepromotion.testkit.RegistryServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board that {@code promote board} writes, from a real ledger on a real docker-registry, loaded in headless
 * chromium: what the page shows, a screenshot, and hostile record text that must not run.
 *
 * <p>{@code -Dboard.png=FILE} also writes the screenshot to FILE; README's "Seeing promotions" regenerates
 * docs/board.png that way.
 */
class BoardBrowserTest {
    @BeforeEach
    void chromiumIsInstalled() {
        Assumptions.assumeTrue(Chromium.installed(), Chromium.MISSING);
    }

    private static final String PAYLOAD = "\"'><script>window.pwned='script';document.title='pwned'</script>"
            + "<img src=x onerror=\"window.pwned='onerror';document.title='pwned'\">'\"";

    private static Map<String, String> env(Path dir) throws Exception {
        return Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString());
    }

    @Test
    void theBoardOfARealLedgerShowsLanesDigestsDriftAndOneColourPerDigest(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"));
             BoardScenario s = BoardScenario.write(registry, dir)) {
            Path page = dir.resolve("board.html");
            List<String> args = new ArrayList<>(List.of("board", "--out", page.toString()));
            args.addAll(s.lanes());
            CliRun run = CliRun.run(env(dir), "", args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(page.toAbsolutePath().toString(), run.out().trim());

            ChromeDriver browser = Chromium.start();
            try {
                browser.get(page.toUri().toString());
                List<WebElement> rows = browser.findElements(By.cssSelector("table.ip-board-table tbody tr.lane"));
                assertEquals(List.of("dev", "staging", "production"), rows.stream()
                        .map(r -> r.findElement(By.cssSelector("th.env")).getText()).toList());
                assertEquals(List.of(s.builds[4].toString(), s.builds[2].toString(), s.builds[3].toString()), rows.stream()
                        .map(r -> r.findElement(By.cssSelector("code.digest-value")).getAttribute("title")).toList());
                assertEquals(List.of("in sync", "in sync", "DRIFT"), rows.stream()
                        .map(r -> r.findElement(By.cssSelector(".state-badge")).getText()).toList());
                assertTrue(rows.get(2).findElement(By.cssSelector(".state-badge")).getAttribute("class").contains("state-drift"));
                assertEquals("waiting for staging", rows.get(0).findElement(By.cssSelector(".waiting")).getText());
                assertEquals("https://ci.example.com/job/app/4/",
                        rows.get(0).findElement(By.cssSelector("a.ci-run")).getAttribute("href"));

                List<WebElement> lanes = browser.findElements(By.cssSelector("svg.timeline g.tl-lane"));
                assertEquals(3, lanes.size());
                // Build 2 ran in staging and prod: its chips have one colour in both lanes, another build's another.
                String stagingBuild2 = fill(lanes.get(1), s.builds[2].toString());
                String prodBuild2 = fill(lanes.get(2), s.builds[2].toString());
                assertEquals(stagingBuild2, prodBuild2);
                assertNotEquals(stagingBuild2, fill(lanes.get(2), s.builds[3].toString()));
                assertTrue(stagingBuild2.startsWith("rgb("), stagingBuild2);
                assertEquals(1, lanes.get(1).findElements(By.cssSelector("g.chip-rollback .mark-rollback")).size());
                assertEquals(1, lanes.get(2).findElements(By.cssSelector("g.chip-hand-move .mark-hand-move")).size());
                assertEquals("Promotions over time, one lane per environment",
                        browser.findElement(By.cssSelector("svg.timeline > title")).getAttribute("textContent"));

                byte[] png = browser.getScreenshotAs(OutputType.BYTES);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                assertEquals(1280, image.getWidth());
                assertEquals(800, image.getHeight());
                assertTrue(distinctColours(image) >= 32, "the screenshot has " + distinctColours(image) + " colours");
                Files.write(Path.of("target", "board.png"), png);
                String keep = System.getProperty("board.png");
                if (keep != null && !keep.isBlank()) {
                    Files.write(Path.of(keep), png);
                }
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void hostileRecordTextAndTitleRunNoScriptAndFireNoOnerror(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"));
             BoardScenario s = BoardScenario.write(registry, dir)) {
            s.promoteWith(4, s.staging, PAYLOAD, PAYLOAD, "javascript:window.pwned='link'");
            Path page = dir.resolve("board.html");
            List<String> args = new ArrayList<>(List.of("board", "--title", PAYLOAD, "--out", page.toString()));
            args.addAll(s.lanes());
            CliRun run = CliRun.run(env(dir), "", args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run::toString);

            // The same fragment in a page without a policy, where scripts and onerror do run (the controls prove it):
            // only the escaping keeps the payload from running there.
            Board board = BoardCommand.read(TransportSettings.defaults(),
                    s.lanes().stream().map(ImageReference::parse).toList(), 20);
            Path permissive = dir.resolve("permissive.html");
            Files.writeString(permissive, Chromium.permissivePage(BoardHtml.css(), BoardHtml.fragment(board)));

            ChromeDriver browser = Chromium.start();
            try {
                browser.get(page.toUri().toString());
                assertUntouched(browser, PAYLOAD);

                browser.get(permissive.toUri().toString());
                assertEquals("script ran, onerror fired", Chromium.controlsRan(browser));
                assertUntouched(browser, "control");
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void textKeepsAContrastOfAtLeast4_5InTheLightAndTheDarkScheme(@TempDir Path dir) throws Exception {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"));
             BoardScenario s = BoardScenario.write(registry, dir)) {
            Path page = dir.resolve("board.html");
            List<String> args = new ArrayList<>(List.of("board", "--out", page.toString()));
            args.addAll(s.lanes());
            assertEquals(0, CliRun.run(env(dir), "", args.toArray(String[]::new)).exitCode());

            ChromeDriver browser = Chromium.start();
            try {
                Map<String, String> backgrounds = new HashMap<>();
                for (String scheme : List.of("light", "dark")) {
                    browser.executeCdpCommand("Emulation.setEmulatedMedia",
                            Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
                    browser.get(page.toUri().toString());
                    backgrounds.put(scheme, browser.findElement(By.cssSelector(".ip-board")).getCssValue("background-color"));
                    @SuppressWarnings("unchecked")
                    List<List<String>> pairs = (List<List<String>>) browser.executeScript(CONTRAST_PAIRS);
                    assertTrue(pairs.size() >= 20, pairs.toString());
                    for (List<String> pair : pairs) {
                        double ratio = contrast(pair.get(1), pair.get(2));
                        assertTrue(ratio >= 4.5, scheme + ": " + pair + " has contrast " + ratio);
                    }
                    Files.write(Path.of("target", "board-" + scheme + ".png"), browser.getScreenshotAs(OutputType.BYTES));
                }
                assertEquals("rgba(255, 255, 255, 1)", backgrounds.get("light"));
                assertEquals("rgba(22, 24, 29, 1)", backgrounds.get("dark"));
            } finally {
                browser.quit();
            }
        }
    }

    /** [what, text colour, colour behind it] for the board's text: table, badges, chip labels, lane labels, axis. */
    private static final String CONTRAST_PAIRS = """
            const board = document.querySelector('.ip-board');
            const bg = getComputedStyle(board).backgroundColor;
            const out = [];
            board.querySelectorAll('caption, thead th, th.env, td.tag, td.since, .approver, .unknown, .stale, .none,'
                + ' code.digest-value, a.ci-run, .waiting, .legend, summary').forEach(e =>
                out.push([e.tagName + '.' + e.className, getComputedStyle(e).color, bg]));
            board.querySelectorAll('.state-badge').forEach(e =>
                out.push([e.className, getComputedStyle(e).color, getComputedStyle(e).backgroundColor]));
            board.querySelectorAll('g.chip').forEach(g => {
                const label = g.querySelector('text.chip-label');
                if (label) out.push(['chip ' + g.getAttribute('class'), getComputedStyle(label).fill,
                    getComputedStyle(g.querySelector('rect.chip-box')).fill]);
            });
            board.querySelectorAll('.tl-label, .tl-time').forEach(e =>
                out.push([e.getAttribute('class'), getComputedStyle(e).fill, bg]));
            return out;
            """;

    /** WCAG 2 contrast ratio of two CSS colours {@code rgb(r, g, b)}. */
    private static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String css) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)(, ([\\d.]+))?\\)").matcher(css);
        assertTrue(m.matches(), css);
        assertTrue(m.group(5) == null || Double.parseDouble(m.group(5)) == 1.0, "an opaque colour: " + css);
        double l = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(m.group(i + 1)) / 255.0;
            l += weights[i] * (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return l;
    }

    /** The payload is shown as text where it was stored, and nothing of it ran. */
    private static void assertUntouched(ChromeDriver browser, String title) {
        JavascriptExecutor js = browser;
        assertNull(js.executeScript("return window.pwned === undefined ? null : window.pwned"));
        assertEquals(title, browser.getTitle());
        WebElement staging = browser.findElements(By.cssSelector("tr.lane")).get(1);
        assertEquals(PAYLOAD, staging.findElement(By.cssSelector("th.env")).getText().trim());
        assertEquals(PAYLOAD, staging.findElement(By.cssSelector(".approver")).getText().trim());
        assertTrue(staging.findElements(By.cssSelector("td.ci a")).isEmpty(), "a javascript: URL is no link");
        assertEquals("javascript:window.pwned='link'", staging.findElement(By.cssSelector("td.ci")).getText());
        String board = ".ip-board ";
        assertTrue(browser.findElements(By.cssSelector(board + "script, " + board + "img")).isEmpty(),
                "no element came from the payload");
        assertEquals(PAYLOAD, browser.findElement(By.cssSelector("svg.timeline g.tl-lane[data-lane='1'] g.chip:last-of-type > title"))
                .getAttribute("textContent").substring(0, PAYLOAD.length()));
    }

    private static String fill(WebElement lane, String digest) {
        List<WebElement> chips = lane.findElements(By.cssSelector("g.chip[data-digest='" + digest + "'] rect.chip-box"));
        assertFalse(chips.isEmpty(), "no chip of " + digest + " in " + lane.getAttribute("data-lane"));
        Set<String> fills = new HashSet<>();
        for (WebElement chip : chips) {
            fills.add(chip.getCssValue("fill"));
        }
        assertEquals(1, fills.size(), fills.toString());
        return fills.iterator().next();
    }

    private static int distinctColours(BufferedImage image) {
        Map<Integer, Integer> colours = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        return colours.size();
    }
}
