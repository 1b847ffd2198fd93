package se.medborgarlofte.web;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages in a real browser: axe-core's WCAG 2.0/2.1 A and AA rules, keyboard, narrow screens, screenshots. */
class BrowserPagesTest {

    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/?kommun=Gnosj%C3%B6", "/loften/gnosjo-2024", "/loften/grastorp-2021?asOf=2021-06-30",
            "/loften/gullspang-2023", "/loften/gnosjo-2024/aktiviteter",
            "/loften/gnosjo-2024/aktiviteter?typ=EST_SITUATION_REPORT", "/loften/gnosjo-2024/widget",
            "/loften/finns-inte", "/loften/gnosjo-2024?asOf=fel"})
    void axeFindsNoWcagViolations(String path) {
        ChromeDriver driver = Browser.get();
        int status = system.web.get(path).status();
        assertThat(status).as(path).isEqualTo(path.contains("finns-inte") ? 404 : path.contains("fel") ? 400 : 200);
        driver.get(system.web.url(path));
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        assertThat(results.getViolations()).as(() -> path + ": " + describe(results.getViolations())).isEmpty();
        assertThat(results.getPasses()).as("axe really ran").isNotEmpty();
    }

    @Test
    void theFirstTabReachesAVisibleSkipLinkThatLeadsToTheContent() {
        ChromeDriver driver = Browser.get();
        driver.get(system.web.url("/loften/gnosjo-2024"));
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Hoppa till innehållet");
        assertThat(focused.getRect().getY()).as("on screen when focused").isGreaterThanOrEqualTo(0);
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        focused.sendKeys(Keys.ENTER);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("innehall");
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement next = driver.switchTo().activeElement();
        assertThat(next.getText()).as("the next stop is inside the content").isEqualTo("Alla medborgarlöften");
        assertThat(next.getCssValue("outline-style")).as("focus is visible").isEqualTo("solid");
        assertThat(next.getCssValue("background-color")).isEqualTo("rgba(255, 221, 0, 1)");
    }

    @Test
    void everyLinkAndFieldOfThePromisePageCanBeReachedByKeyboard() {
        ChromeDriver driver = Browser.get();
        driver.get(system.web.url("/loften/gnosjo-2024/aktiviteter"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Alla aktiviteter");
        List<WebElement> focusable = driver.findElements(By.cssSelector("a[href], select, input, button, summary"));
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        int reached = 0;
        for (int i = 0; i < focusable.size() + 5 && reached < focusable.size(); i++) {
            WebElement active = driver.switchTo().activeElement();
            if (focusable.contains(active)) {
                reached++;
            }
            active.sendKeys(Keys.TAB);
        }
        assertThat(reached).isEqualTo(focusable.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/loften/gnosjo-2024", "/loften/gullspang-2023", "/loften/gnosjo-2024/aktiviteter"})
    void fitsA320PixelScreenWithoutSidewaysScrolling(String path) {
        ChromeDriver driver = Browser.get();
        try {
            Browser.viewport(driver, 320, 800);
            driver.get(system.web.url(path));
            assertThat(driver.findElement(By.tagName("h1")).getText()).as(path).doesNotContain("Något gick fel");
            Number scrollWidth = (Number) ((JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth;");
            assertThat(scrollWidth.intValue()).as(path).isLessThanOrEqualTo(320);
        } finally {
            Browser.viewport(driver, 1280, 900);
        }
    }

    @Test
    void savesScreenshotsOfTheListAPromiseItsLogAndItsWidgetOnAPhoneAndADesktop() throws Exception {
        ChromeDriver driver = Browser.get();
        for (int width : new int[]{375, 1280}) {
            Path list = Browser.screenshot(driver, system.web.url("/"), width, "lista");
            Path promise = Browser.screenshot(driver, system.web.url("/loften/gnosjo-2024"), width, "loftet-gnosjo-2024");
            Path log = Browser.screenshot(driver, system.web.url("/loften/gnosjo-2024/aktiviteter"), width, "aktiviteter");
            Path widget = Browser.screenshot(driver, system.web.url("/loften/gnosjo-2024/widget"), width, "widget");
            for (Path png : List.of(list, promise, log, widget)) {
                byte[] bytes = Files.readAllBytes(png);
                assertThat(bytes).hasSizeGreaterThan(10_000);
                assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
                java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
                assertThat(image.getWidth()).isEqualTo(width);
            }
        }
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }
}
