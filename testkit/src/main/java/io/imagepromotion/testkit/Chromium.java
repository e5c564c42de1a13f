package io.imagepromotion.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium driven through its own chromedriver (packages chromium and chromium-driver), for the
 * tests that assert on what a browser rendered. A test skips only where both are missing, saying so with
 * {@link #MISSING}: {@code Assumptions.assumeTrue(Chromium.installed(), Chromium.MISSING)}. bin/run-tests installs
 * both, so in CI they run.
 */
public final class Chromium {
    public static final String MISSING = "browser tests skipped: chromium and chromedriver are not installed"
            + " (apt-get install chromium chromium-driver; bin/run-tests installs them)";

    private Chromium() {
    }

    public static boolean installed() {
        return executable("chromium").isPresent() && executable("chromedriver").isPresent();
    }

    /** A headless browser with a 1280x800 viewport. */
    public static ChromeDriver start() {
        Path browser = executable("chromium").orElseThrow(() -> new TestkitException(MISSING));
        Path driver = executable("chromedriver").orElseThrow(() -> new TestkitException(MISSING));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // --no-sandbox: chromium refuses to start as root without it (CI runs as root).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--hide-scrollbars", "--force-color-profile=srgb",
                "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        // --window-size sizes the window, whose viewport is smaller; the screenshot is of the viewport.
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        return chrome;
    }

    /**
     * An HTML document around {@code body} with no Content-Security-Policy and two controls that do run there: an
     * inline script and an image's onerror. A hostile payload in {@code body} that stays silent in this page is
     * silent because it was escaped, not because the browser blocked it; {@link #controlsRan} proves the controls ran.
     */
    public static String permissivePage(String css, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>control</title><style>" + css
                + "</style></head><body><script>window.controlScript = 'ran';</script>"
                + "<img src=\"missing.png\" onerror=\"window.controlOnerror = 'fired'\">" + body + "</body></html>";
    }

    /**
     * What the controls of a loaded {@link #permissivePage} did, waiting up to 5 s for the image's error:
     * {@code "script ran, onerror fired"} when both ran.
     */
    public static String controlsRan(JavascriptExecutor js) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (js.executeScript("return window.controlOnerror") == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return "script " + js.executeScript("return window.controlScript") + ", onerror "
                + js.executeScript("return window.controlOnerror");
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
