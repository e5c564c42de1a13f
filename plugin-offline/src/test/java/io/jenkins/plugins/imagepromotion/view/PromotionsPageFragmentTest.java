package io.jenkins.plugins.imagepromotion.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagepromotion.core.board.BoardHtml;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.testkit.Chromium;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Promotions page as far as it can be proved here, without a Jenkins to render its Jelly: every view escapes by
 * default, so the only markup that record strings can reach unescaped is what a view writes raw with
 * {@code j:out}; that is exactly one fragment, core's timeline, and in a real browser the hostile strings of the
 * records inside it run no script and fire no {@code onerror}. (The JenkinsRule PromotionsPageTest renders the
 * whole page, with an alert handler, where the Jenkins repository is reachable.)
 */
class PromotionsPageFragmentTest {
    private static final String PAYLOAD = "\"'><script>window.pwned='script'</script>"
            + "<img src=x onerror=\"window.pwned='onerror'\">&amp;";
    private static final Pattern RAW_OUTPUT = Pattern.compile("<j:out\\s+value=\"([^\"]*)\"");

    @Test
    void theOnlyRawOutputOfEveryViewIsTheTimelineThatCoreEscapes() throws IOException, URISyntaxException {
        Path root = Path.of(PromotionsAction.class.getClassLoader().getResource("index.jelly").toURI()).getParent();
        List<String> raw = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path view : files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList()) {
                String text = Files.readString(view);
                Matcher m = RAW_OUTPUT.matcher(text);
                while (m.find()) {
                    raw.add(root.relativize(view) + " " + m.group(1));
                }
                assertTrue(!text.contains("escape=\"false\"") && !text.contains("escapeText=\"false\""), view.toString());
            }
        }
        assertEquals(List.of("io/jenkins/plugins/imagepromotion/view/PromotionsAction/index.jelly ${it.timelineHtml}"), raw);
    }

    @Test
    void hostileRecordStringsInTheRawTimelineRunNoScriptInChromium(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Chromium.installed(), Chromium.MISSING);
        String fragment = new PromotionsAction(null, hostileBuilds(), new PromotionsActionTest.FakePermissions())
                .getTimelineHtml();
        // A page without a Content-Security-Policy, where scripts and onerror do run (the controls prove it): only
        // the fragment's escaping keeps the payload from running.
        Path page = dir.resolve("page.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><title>control</title><style>" + BoardHtml.css()
                + "</style></head><body><script>window.controlScript = 'ran';</script>"
                + "<img src=\"missing.png\" onerror=\"window.controlOnerror = 'fired'\">"
                + fragment + "</body></html>");
        ChromeDriver browser = Chromium.start();
        try {
            browser.get(page.toUri().toString());
            JavascriptExecutor js = browser;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (js.executeScript("return window.controlOnerror") == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("ran", js.executeScript("return window.controlScript"));
            assertEquals("fired", js.executeScript("return window.controlOnerror"), "the control img's onerror fired");
            assertNull(js.executeScript("return window.pwned === undefined ? null : window.pwned"));
            assertEquals(1L, js.executeScript("return document.scripts.length"), "only the control script");
            assertEquals(1L, js.executeScript("return document.images.length"), "only the control image");
            String text = (String) js.executeScript("return document.querySelector('.ip-board').textContent");
            assertTrue(text.contains("<script>window.pwned='script'</script>"), "the payload shows as text: " + text);
        } finally {
            browser.quit();
        }
    }

    /** Two builds whose records carry the payload as their environment and as their approver. */
    private static List<PromotedBuild> hostileBuilds() {
        List<PromotedBuild> builds = new ArrayList<>();
        for (int n = 2; n >= 1; n--) {
            PromotionResult result = new PromotionResult(ImageReference.parse("reg.example.com/app:1.0"),
                    Digest.parse("sha256:" + String.valueOf(n).repeat(64)), "application/vnd.oci.image.manifest.v1+json",
                    List.of(new TargetOutcome(ImageReference.parse("reg.example.com/app:staging"), null, true)),
                    0, 0, 0, 0L, 1, 3, false);
            builds.add(new PromotedBuild(n, "https://ci.example.com/job/app/" + n + "/",
                    List.of(PromotionRecord.of(PromotionOutcome.from(result), PAYLOAD, PAYLOAD,
                            1_700_000_000_000L + n * 1000L))));
        }
        return builds;
    }
}
