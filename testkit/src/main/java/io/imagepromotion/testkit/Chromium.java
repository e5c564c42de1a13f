package io.imagepromotion.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
