package se.medborgarlofte.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code ./run} shows on its console: one banner, no start-up chatter below WARN from the driver, the embedded
 * server, Netty, Axon or Tomcat, and last a box with every address; on the first start it holds the local users'
 * passwords (which work), on later starts only where the users file is.
 */
class QuietConsoleTest {

    private static final Pattern PASSWORD_LINE = Pattern.compile("^ {3}(admin|polis|kommun|lasare) +(\\S{20})\\b",
            Pattern.MULTILINE);
    private static final Pattern BELOW_WARN = Pattern.compile("\\b(TRACE|DEBUG|INFO)\\b");

    @TempDir
    Path data;

    @Test
    void theConsoleShowsOneBannerNoChatterAndLastTheBoxWithTheAddressesAndTheNewPasswords() throws Exception {
        Path logs = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("quiet-console");
        Files.createDirectories(logs);
        try (LocalRunProcess run = new LocalRunProcess(data, logs.resolve("first-start.log"))) {
            String console = started(run);
            assertThat(console.split(":: Spring Boot ::", -1)).as("one banner").hasSize(2);
            assertThat(console).doesNotContain("AxonIQ Console", "Tomcat started", "MongoServer", "connected");
            List<String> chatter = console.lines().filter(line -> BELOW_WARN.matcher(line).find())
                    .filter(line -> !line.contains(" s.medborgarlofte.") && !line.contains(" se.medborgarlofte."))
                    .toList();
            assertThat(chatter).as("log lines below WARN from others than the service").isEmpty();

            String box = box(console);
            assertThat(box).contains("http://localhost:" + run.webPort + "/",
                    "http://localhost:" + run.webPort + "/personal/",
                    "http://localhost:" + run.commandPort + "/api/promises",
                    "http://localhost:" + run.commandPort + "/swagger-ui.html",
                    "http://localhost:" + run.queryPort + "/api/promises",
                    "http://localhost:" + run.queryPort + "/swagger-ui.html",
                    "http://localhost:" + run.queryPort + "/actuator/health/readiness",
                    data.resolve("users.json").toAbsolutePath().toString());
            Map<String, String> passwords = new java.util.HashMap<>();
            Matcher line = PASSWORD_LINE.matcher(box);
            while (line.find()) {
                passwords.put(line.group(1), line.group(2));
            }
            assertThat(passwords).containsOnlyKeys("admin", "polis", "kommun", "lasare");
            Http.Response signedIn = new Http(run.queryPort).get("/api/promises/none/history", "Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString(("lasare:" + passwords.get("lasare"))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(signedIn.status()).as("the printed password signs in: " + signedIn.raw()).isNotEqualTo(401);
        }
        try (LocalRunProcess again = new LocalRunProcess(data, logs.resolve("second-start.log"))) {
            String box = box(started(again));
            assertThat(box).contains("http://localhost:" + again.webPort + "/", "lösenorden visades vid första starten");
            assertThat(PASSWORD_LINE.matcher(box).find()).as("no password the second time").isFalse();
        }
    }

    /** The console once the run has answered and printed its box. */
    private static String started(LocalRunProcess run) throws InterruptedException {
        run.awaitReady(Duration.ofSeconds(120));
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(run.log), console -> console.stripTrailing().endsWith(ClosingBox.RULE));
    }

    /** The closing box, which is the last thing on the console. */
    private static String box(String console) {
        String trimmed = console.stripTrailing();
        int start = trimmed.lastIndexOf(ClosingBox.RULE, trimmed.length() - ClosingBox.RULE.length() - 1);
        assertThat(start).as("a closing box").isNotNegative();
        return trimmed.substring(start);
    }
}
