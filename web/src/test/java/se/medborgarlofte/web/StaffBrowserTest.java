package se.medborgarlofte.web;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff pages in a real browser the size of a phone: sign in as the police editor, record a trafikkontroll with
 * the thumb, see the receipt with the figure moved; every staff page passes axe-core's WCAG 2.0/2.1 A and AA rules
 * and fits 375 px without sideways scrolling. Screenshots go to target/screenshots/.
 */
class StaffBrowserTest {

    static final int PHONE = 375;
    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void aPoliceEditorRecordsATrafficControlFromAPhoneAndSeesTheProgressMove() {
        ChromeDriver driver = Browser.get();
        List<String> checked = new ArrayList<>();
        try {
            Browser.viewport(driver, PHONE, 800);
            driver.manage().deleteAllCookies();
            driver.get(system.web.url("/personal/"));
            assertThat(driver.getCurrentUrl()).as("sign-in first").endsWith("/logga-in");
            checkPage(driver, "logga-in", checked);
            driver.findElement(By.id("username")).sendKeys(TestSystem.POLICE);
            driver.findElement(By.id("password")).sendKeys("fel-lösenord");
            submit(driver, "form.staff-form button");
            assertThat(driver.findElement(By.cssSelector(".error-summary")).getText()).startsWith("Fel användarnamn");
            checkPage(driver, "logga-in-fel", checked);
            driver.findElement(By.id("password")).sendKeys(TestSystem.POLICE_PASSWORD);
            submit(driver, "form.staff-form button");
            assertThat(driver.getCurrentUrl()).as("back where the officer was going").contains("/personal/");
            checkPage(driver, "personal", checked);

            int before = StaffRecordingTest.trafficDone();
            submit(driver, "a[href='/personal/loften/varnamo-2023/registrera']");
            checkPage(driver, "registrera-typ", checked);
            submit(driver, "#kind-TRAFFIC_CONTROL");
            assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Registrera: Trafikkontroll");
            checkPage(driver, "registrera", checked);

            submit(driver, "form.staff-form button[type=submit]");
            assertThat(driver.findElement(By.cssSelector("#place-error")).getText()).startsWith("Skriv var det hände");
            checkPage(driver, "registrera-fel", checked);

            driver.findElement(By.id("place")).sendKeys("Riksväg 27 vid Bredaryd");
            driver.findElement(By.id("outcomes-vehiclesChecked")).sendKeys("52");
            driver.findElement(By.id("outcomes-drugDrivingSuspected")).sendKeys("1");
            submit(driver, "form.staff-form button[type=submit]");
            assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Sparat");
            assertThat(driver.findElement(By.cssSelector(".progress-lines")).getText())
                    .contains((before + 1) + " gjorda");
            checkPage(driver, "kvitto", checked);

            driver.get(system.web.url("/personal/"));
            assertThat(driver.findElement(By.cssSelector(".latest")).getText()).contains("Riksväg 27 vid Bredaryd");

            driver.get(system.web.url("/personal/loften/varnamo-2023/registrera?kind=SAFETY_WALK"));
            ((JavascriptExecutor) driver).executeScript("document.querySelector('form.staff-form input[name=_csrf]').remove();");
            driver.findElement(By.id("place")).sendKeys("Centrum");
            submit(driver, "form.staff-form button[type=submit]");
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                    .until(d -> !d.findElements(By.tagName("h1")).isEmpty()
                                && !d.getCurrentUrl().contains("kind=SAFETY_WALK"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).as(driver::getPageSource)
                    .isEqualTo("Åtkomst nekad");
            checkPage(driver, "nekad", checked);
        } finally {
            driver.manage().deleteAllCookies();
            Browser.viewport(driver, 1280, 900);
        }
        assertThat(checked).hasSize(8);
    }

    @Test
    void everyOtherStaffPagePassesAxeOnAPhoneAndADesktop() throws Exception {
        ChromeDriver driver = Browser.get();
        List<String> checked = new ArrayList<>();
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("aktiviteter", ".csv");
        java.nio.file.Files.writeString(csv, "kind;occurredOn;place;performedBy;commitmentIds\n"
                + "SAFETY_WALK;2024-04-02;Bredaryd;JOINT;varnamo-2023-safety-walks\n"
                + "SAFETY_WALK;2024-04-02;Bredaryd;JOINT;varnamo-2023-safety-walks\n"
                + "SAFETY_WALK;2024-02-30;Bredaryd;JOINT;varnamo-2023-safety-walks\n");
        try {
            for (int width : new int[]{PHONE, 1280}) {
                Browser.viewport(driver, width, 900);
                driver.manage().deleteAllCookies();
                driver.get(system.web.url("/logga-in"));
                driver.findElement(By.id("username")).sendKeys(TestSystem.ADMIN);
                driver.findElement(By.id("password")).sendKeys(TestSystem.ADMIN_PASSWORD);
                submit(driver, "form.staff-form button");
                for (String path : List.of("/personal/loften/gnosjo-2024/rapport?asOf=2024-06-30&sedan=2024-01-01",
                        "/personal/omrade", "/personal/loften/gnosjo-2024/atagande/gnosjo-2024-recruitment",
                        "/personal/loften/gnosjo-2024/nytt-atagande", "/personal/nytt-lofte",
                        "/personal/loften/gnosjo-2024/andring", "/personal/loften/gnosjo-2024/avslut",
                        "/personal/loften/varnamo-2023/import")) {
                    driver.get(system.web.url(path));
                    checkPage(driver, path.replaceAll("^/personal/loften/[^/]+/|^/personal/|\\?.*$", "")
                            .replace('/', '-'), checked);
                }
                driver.findElement(By.id("fil")).sendKeys(csv.toString());
                submit(driver, "form[enctype] button");
                assertThat(driver.findElement(By.tagName("main")).getText())
                        .contains("3 rader: 2 kan sparas, 0 finns redan, 1 har fel.");
                checkPage(driver, "import-provkorning", checked);
                String body = system.query.get("/api/promises/varnamo-2023/activities?kind=TRAFFIC_CONTROL").body();
                java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"activityId\":\"([^\"]+)\"").matcher(body);
                assertThat(id.find()).isTrue();
                driver.get(system.web.url("/personal/loften/varnamo-2023/aktiviteter/" + id.group(1)));
                assertThat(driver.findElements(By.cssSelector("form[action$=rattelse]"))).isNotEmpty();
                checkPage(driver, "aktivitet", checked);
            }
        } finally {
            driver.manage().deleteAllCookies();
            Browser.viewport(driver, 1280, 900);
        }
        assertThat(checked).hasSize(20);
    }

    /** Clicks what sends a form or follows a link, and waits until the next page has replaced this one. */
    static void submit(ChromeDriver driver, String selector) {
        ((JavascriptExecutor) driver).executeScript("window.staffTestOldPage = true;");
        driver.findElement(By.cssSelector(selector)).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.staffTestOldPage === undefined && document.readyState === 'complete';")));
    }

    /** axe-core finds nothing, the page fits the phone's width, and a screenshot is saved. */
    static void checkPage(ChromeDriver driver, String name, List<String> checked) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        assertThat(results.getViolations()).as(() -> name + ": " + describe(results.getViolations())).isEmpty();
        assertThat(results.getPasses()).as("axe really ran").isNotEmpty();
        Number scrollWidth = (Number) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth;");
        int width = ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth;")).intValue();
        assertThat(scrollWidth.intValue()).as(name + " fits without sideways scrolling").isLessThanOrEqualTo(width);
        Browser.capture(driver, width, "personal-" + name);
        checked.add(name);
    }

    static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }
}
