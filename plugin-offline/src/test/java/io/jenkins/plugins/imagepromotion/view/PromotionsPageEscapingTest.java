package io.jenkins.plugins.imagepromotion.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagepromotion.core.board.BoardHtml;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.testkit.Chromium;
import io.jenkins.plugins.imagepromotion.model.ApprovalEntry;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.ProcessingInstruction;

/**
 * The Jenkins page's escaping, offline: every Jelly view escapes by default, its only raw output is core's escaped
 * timeline, and that timeline, built from records whose strings carry markup, holds the markup as text only, as an
 * HTML5 parser (jsoup) reads it, and runs nothing in headless chromium. Jelly itself cannot run here; JenkinsRule's XSS test with an alert handler is for a
 * Jenkins (issue 14 section 5).
 */
class PromotionsPageEscapingTest {
    private static final String HOSTILE = "\"'><script>alert(1)</script><img src=x onerror=alert(2)> & \"co\" 'x'";
    private static final Path RESOURCES = Path.of(System.getProperty("user.dir")).resolve("../plugin/src/main/resources")
            .normalize();
    private static final String JELLY_CORE = "jelly:core";
    /**
     * Every raw output ({@code j:out}) of the plugin's views, file to expression: each must be a fragment core's
     * BoardHtml escaped. A new raw output fails the test until it is listed here with its reason.
     */
    private static final Map<String, List<String>> RAW_OUTPUTS = Map.of(
            "io/jenkins/plugins/imagepromotion/view/PromotionsAction/index.jelly", List.of("${it.timelineHtml}"));

    private static List<Path> jellyFiles() throws IOException {
        assertTrue(Files.isDirectory(RESOURCES), RESOURCES + " is missing");
        try (var files = Files.walk(RESOURCES)) {
            return files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    private static org.w3c.dom.Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void everyJellyViewDeclaresEscapeByDefaultFirst() throws Exception {
        List<Path> files = jellyFiles();
        assertTrue(files.size() >= 13, "only " + files);
        for (Path file : files) {
            Node first = xml(file).getFirstChild();
            assertTrue(first instanceof ProcessingInstruction, file + " does not start with a processing instruction");
            ProcessingInstruction pi = (ProcessingInstruction) first;
            assertEquals("jelly", pi.getTarget(), file.toString());
            assertEquals("escape-by-default='true'", pi.getData().trim(), file.toString());
            assertTrue(Files.readString(file).startsWith("<?jelly escape-by-default='true'?>"), file.toString());
        }
    }

    @Test
    void theOnlyRawOutputsAreTheListedBoardHtmlFragments() throws Exception {
        Map<String, List<String>> found = new TreeMap<>();
        for (Path file : jellyFiles()) {
            NodeList outs = xml(file).getElementsByTagNameNS(JELLY_CORE, "out");
            for (int i = 0; i < outs.getLength(); i++) {
                org.w3c.dom.Element out = (org.w3c.dom.Element) outs.item(i);
                found.computeIfAbsent(RESOURCES.relativize(file).toString(), k -> new ArrayList<>()).add(out.getAttribute("value"));
            }
        }
        assertEquals(new TreeMap<>(RAW_OUTPUTS), found);

        // ${it.timelineHtml} is exactly core's escaping renderer's output for the page's board.
        PromotionsAction action = new PromotionsAction(null, hostileBuilds(HOSTILE), new PromotionsActionTest.FakePermissions());
        assertEquals(BoardHtml.timeline(action.getBoard().board()), action.getTimelineHtml());
    }

    @Test
    void hostileRecordStringsAreOnlyTextInTheTimelineThePageOutputsRaw() {
        PromotionsAction action = new PromotionsAction(null, hostileBuilds(HOSTILE), new PromotionsActionTest.FakePermissions());
        assertEquals(HOSTILE, action.getEnvironments().get(0).getName(), "the board carries the hostile name");

        String html = action.getTimelineHtml();
        Document page = Jsoup.parseBodyFragment(html);

        assertTrue(page.select("script, img, iframe, object, embed, foreignObject, style, link, meta, base").isEmpty(),
                html);
        for (Element e : page.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertFalse(a.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("on"), e.tagName() + " has " + a);
                assertFalse(a.getValue().toLowerCase(java.util.Locale.ROOT).contains("javascript:"), e.tagName() + " has " + a);
            }
        }
        // Escaped, not dropped: the markup is there as text, whole, in the lane's label and the text version.
        assertTrue(page.text().contains(HOSTILE), page.text());
        assertTrue(page.text().contains("approved by " + HOSTILE), page.text());
        assertFalse(html.contains("<script") || html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;co&quot; &#39;x&#39;"),
                html);
    }

    /** A target reference can hold none of the markup: the engine's reference parser refuses it, so records cannot carry it. */
    @Test
    void aTargetReferenceWithMarkupIsRefusedByTheReferenceParser() {
        assertThrows(InvalidInputException.class, () -> ImageReference.parse("reg.example.com/app:<script>"));
        assertThrows(InvalidInputException.class, () -> ImageReference.parse("reg.example.com/a\"b:prod"));
        assertThrows(InvalidInputException.class, () -> ImageReference.parse("reg.example.com/app:x&y"));
    }

    /**
     * The timeline, built from records carrying script that would mark the page, loaded in headless chromium in a
     * page without a Content-Security-Policy, beside a control script and a control onerror that do run there: only
     * the fragment's escaping keeps the payload from running.
     */
    @Test
    void theTimelineInChromiumRunsNoScriptAndFiresNoOnerror(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), Chromium.MISSING);
        String payload = "\"'><script>window.pwned='script'</script>"
                + "<img src=x onerror=\"window.pwned='onerror'\"> &amp; '";
        PromotionsAction action = new PromotionsAction(null, hostileBuilds(payload), new PromotionsActionTest.FakePermissions());
        Path page = dir.resolve("promotions.html");
        Files.writeString(page, Chromium.permissivePage(BoardHtml.css(), action.getTimelineHtml()));
        ChromeDriver browser = Chromium.start();
        try {
            browser.get(page.toUri().toString());
            assertEquals("script ran, onerror fired", Chromium.controlsRan(browser));
            JavascriptExecutor js = browser;
            assertNull(js.executeScript("return window.pwned === undefined ? null : window.pwned"), "the payload ran");
            assertEquals(1L, js.executeScript("return document.scripts.length"), "only the control script");
            assertEquals(1L, js.executeScript("return document.images.length"), "only the control image");
            String text = (String) js.executeScript("return document.querySelector('.ip-board').textContent");
            assertTrue(text.contains(payload), "the payload shows as text: " + text);
        } finally {
            browser.quit();
        }
    }

    /** Two builds promoting to an environment with a hostile name, approved by hostile names, from a hostile source. */
    private static PromotionsActionTest.CountingBuilds hostileBuilds(String hostile) {
        PromotionsActionTest.CountingBuilds builds = new PromotionsActionTest.CountingBuilds();
        for (int n = 2; n >= 1; n--) {
            Digest digest = Digest.sha256(("image " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            PromotionResult result = new PromotionResult(ImageReference.parse("reg.example.com/app:1." + n), digest,
                    "application/vnd.oci.image.manifest.v1+json",
                    List.of(new TargetOutcome(ImageReference.parse("reg.example.com/app:prod"), null, true)),
                    0, 0, 0, 0L, 1, 3, false);
            PromotionRecord record = PromotionRecord.of(PromotionOutcome.from(result), hostile, hostile,
                    1_700_000_000_000L + n * 60_000L, List.of(
                            ApprovalEntry.jenkins(hostile, Instant.ofEpochMilli(1_700_000_000_000L), hostile, hostile, hostile),
                            ApprovalEntry.asserted(hostile, Instant.ofEpochMilli(1_700_000_000_000L))));
            setPinnedSource(record, hostile);
            builds.builds.add(new PromotedBuild(n, "javascript:alert(3)//" + hostile, List.of(record)));
        }
        return builds;
    }

    /** As a tampered build.xml would hold it: the engine itself only writes parsed references there. */
    private static void setPinnedSource(PromotionRecord record, String value) {
        try {
            Field f = PromotionRecord.class.getDeclaredField("pinnedSource");
            f.setAccessible(true);
            f.set(record, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
