package io.imagepromotion.cli;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Debian's headless chromium driven through its own chromedriver (packages chromium and chromium-driver). */
final class Chromium {
    private Chromium() {
    }

    /**
     * A headless browser with a 1280x800 viewport. Skips the calling test, saying why, only when chromium or
     * chromedriver is not installed: bin/run-tests installs both.
     */
    static ChromeDriver start() {
        Optional<Path> browser = executable("chromium");
        Optional<Path> driver = executable("chromedriver");
        Assumptions.assumeTrue(browser.isPresent() && driver.isPresent(),
                "browser tests skipped: chromium and chromedriver are not installed"
                        + " (apt-get install chromium chromium-driver; bin/run-tests installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        // --no-sandbox: chromium refuses to start as root without it (CI runs as root).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--hide-scrollbars", "--force-color-profile=srgb",
                "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        // --window-size sizes the window, whose viewport is smaller; the screenshot is of the viewport.
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
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
