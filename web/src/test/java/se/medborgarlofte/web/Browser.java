package se.medborgarlofte.web;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium through its chromedriver, one per test JVM. Where Chromium is not installed the browser
 * tests are skipped, and say so (CI installs it: see .ci/run).
 */
final class Browser {

    private static final String[] CHROMIUM = {"/usr/bin/chromium", "/usr/bin/chromium-browser"};
    private static final String[] DRIVER = {"/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"};
    private static ChromeDriver driver;

    private Browser() {
    }

    /** The shared browser; skips the calling test when Chromium or its driver is missing. */
    static synchronized ChromeDriver get() {
        Path chromium = find(System.getenv("CHROMIUM_BINARY"), CHROMIUM);
        Path chromedriver = find(System.getenv("CHROMEDRIVER"), DRIVER);
        if (chromium == null || chromedriver == null) {
            String message = "Chromium saknas (" + (chromium == null ? "chromium" : "chromedriver") + " hittades inte): "
                             + "webbläsartesterna (axe-core, skärmbilder, tangentbord) hoppas över. Installera med "
                             + "'apt-get install -y chromium chromium-driver'.";
            System.err.println("[SKIPPED] " + message);
            assumeTrue(false, message);
        }
        if (driver == null) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=sv-SE", "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            Runtime.getRuntime().addShutdownHook(new Thread(driver::quit, "chromium-quit"));
        }
        return driver;
    }

    /** The inner width of the page, as CSS pixels, by resizing the window around it. */
    static void viewport(ChromeDriver driver, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        int inner = settledInnerWidth(driver);
        int extra = width - inner;
        if (extra != 0 && width + extra > 0) {
            driver.manage().window().setSize(new Dimension(width + extra, height));
        }
    }

    /** The page's width once a resize has taken effect (two equal readings in a row). */
    private static int settledInnerWidth(ChromeDriver driver) {
        int last = -1;
        for (int i = 0; i < 20; i++) {
            int now = ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth;")).intValue();
            if (now == last) {
                return now;
            }
            last = now;
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
        return last;
    }

    /** A PNG of the whole page at the given width, saved under web/target/screenshots/. */
    static Path screenshot(ChromeDriver driver, String url, int width, String name) {
        viewport(driver, width, 900);
        driver.get(url);
        try {
            return capture(driver, width, name);
        } finally {
            viewport(driver, 1280, 900);
        }
    }

    /** A PNG of the whole page the browser shows now (after a form was sent, say); the window is 900 high after. */
    static Path capture(ChromeDriver driver, int width, String name) {
        Number height = (Number) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollHeight;");
        viewport(driver, width, Math.min(20000, height.intValue()));
        File png = driver.getScreenshotAs(OutputType.FILE);
        try {
            Path directory = Files.createDirectories(Path.of("target", "screenshots"));
            Path target = directory.resolve(name + "-" + width + ".png");
            Files.copy(png.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            viewport(driver, width, 900);
        }
    }

    private static Path find(String configured, String... candidates) {
        return Stream.concat(Stream.ofNullable(configured), Stream.of(candidates)).map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
    }
}
