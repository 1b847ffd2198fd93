package se.medborgarlofte.local;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator reads from the running apps, over HTTP without signing in: readiness and liveness of both sides,
 * and on {@code /actuator/prometheus} the command timer by command and outcome, the HTTP server metrics, and a
 * lag, gap and running series per processing group of the query side; the Grafana dashboard asks for no series
 * they don't have.
 */
class OperationsEndpointsTest {

    static final List<String> GROUPS = List.of("promises", "activities", "findings");
    @RegisterExtension
    static final InMemoryLocalRun run = new InMemoryLocalRun();

    static PrometheusScrape scrape(int port) {
        Http.Response response = new Http(port).get("/actuator/prometheus");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return PrometheusScrape.parse(response.raw());
    }

    @Test
    void commandsAreCountedAndTimedByCommandAndOutcome() {
        PrometheusScrape before = scrape(run.app().commandPort());
        Http admin = new Http(run.app().commandPort(), "admin");
        assertThat(admin.post("/api/promises", AuthorizationMatrix.promise("obs")).status()).isEqualTo(201);
        assertThat(admin.post("/api/promises/obs/commitments", AuthorizationMatrix.commitment("obs-c", "POLICE"))
                .status()).isEqualTo(201);
        for (String id : List.of("obs-a1", "obs-a2")) {
            assertThat(admin.post("/api/promises/obs/activities", AuthorizationMatrix.activity(id, "POLICE", "obs-c"))
                    .status()).isEqualTo(201);
        }
        String outsideThePeriod = AuthorizationMatrix.activity("obs-late", "POLICE", "obs-c")
                .replace("2025-03-01", "2026-03-01");
        Http.Response refused = admin.post("/api/promises/obs/activities", outsideThePeriod);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);

        PrometheusScrape metrics = scrape(run.app().commandPort());
        String timer = "medborgarlofte_commands_seconds_count";
        java.util.function.BiFunction<String, String, Double> added = (command, outcome) ->
                metrics.valueOrZero(timer, "command", command, "outcome", outcome)
                - before.valueOrZero(timer, "command", command, "outcome", outcome);
        assertThat(added.apply("SignPromise", "success")).isEqualTo(1);
        assertThat(added.apply("AddCommitment", "success")).isEqualTo(1);
        assertThat(added.apply("RecordActivity", "success")).isEqualTo(2);
        assertThat(added.apply("RecordActivity", "rejection")).isEqualTo(1);
        assertThat(metrics.find(timer, "outcome", "error")).as("nothing broke").isEmpty();
        assertThat(metrics.value("medborgarlofte_commands_seconds_sum", "command", "RecordActivity",
                "outcome", "success")).isPositive();
        assertThat(metrics.find("medborgarlofte_commands_seconds_bucket", "command", "RecordActivity",
                "outcome", "success")).as("buckets for percentiles").hasSizeGreaterThan(5);
        assertThat(metrics.find(timer).get(0).labels()).containsEntry("application", "command-side");
        assertThat(metrics.value("http_server_requests_seconds_count", "method", "POST",
                "uri", "/api/promises/{promiseId}/activities", "status", "409")).isEqualTo(1);
        assertThat(metrics.value("http_server_requests_seconds_count", "method", "POST", "uri", "/api/promises",
                "status", "201")).isPositive();

        PrometheusScrape reads = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> scrape(run.app().queryPort()), scraped -> scraped.value("medborgarlofte_event_store_head") >= 4
                        && GROUPS.stream().allMatch(group ->
                        scraped.value("medborgarlofte_processor_lag_events", "processing_group", group) == 0));
        for (String group : GROUPS) {
            assertThat(reads.value("medborgarlofte_processor_lag_seconds", "processing_group", group)).isZero();
            assertThat(reads.value("medborgarlofte_processor_gaps_open", "processing_group", group)).isZero();
            assertThat(reads.value("medborgarlofte_processor_running", "processing_group", group)).isEqualTo(1);
            assertThat(reads.value("medborgarlofte_processor_segments_claimed", "processing_group", group))
                    .isPositive();
        }
        assertThat(reads.value("medborgarlofte_event_store_gaps_closed_total", "reason", "timeout"))
                .as("no writer vanished: no gap closed by timeout").isZero();
        assertThat(reads.value("medborgarlofte_event_store_gaps_closed_total", "reason", "writer")).isZero();
    }

    @Test
    void theDashboardAsksOnlyForSeriesTheAppsExpose() throws Exception {
        assertThat(new Http(run.app().commandPort(), "admin").post("/api/promises", AuthorizationMatrix.promise("obs-dash"))
                .status()).isEqualTo(201);
        Path dashboard = Path.of("..").toAbsolutePath().normalize()
                .resolve("deploy/grafana/dashboards/medborgarlofte.json");
        Set<String> asked = new TreeSet<>();
        Matcher name = Pattern.compile("\\b(medborgarlofte_\\w+|http_server_\\w+)")
                .matcher(Files.readString(dashboard));
        while (name.find()) {
            asked.add(name.group(1));
        }
        assertThat(asked).contains("medborgarlofte_processor_lag_events", "medborgarlofte_processor_lag_seconds",
                "medborgarlofte_processor_gaps_open", "medborgarlofte_event_store_gaps_closed_total",
                "medborgarlofte_commands_seconds_bucket",
                "http_server_requests_seconds_bucket");
        Set<String> exposed = new TreeSet<>();
        scrape(run.app().commandPort()).samples().forEach(sample -> exposed.add(sample.name()));
        scrape(run.app().queryPort()).samples().forEach(sample -> exposed.add(sample.name()));
        assertThat(exposed).containsAll(asked);
    }

    @Test
    void bothSidesAreLiveAndReadyAndTheQuerySideIsNotReadyWhileAReadModelStands() {
        for (int port : new int[]{run.app().commandPort(), run.app().queryPort()}) {
            for (String probe : List.of("liveness", "readiness")) {
                Http.Response health = new Http(port).get("/actuator/health/" + probe);
                assertThat(health.status()).as(port + " " + probe + ": " + health.raw()).isEqualTo(200);
                assertThat(health.body().get("status").asString()).isEqualTo("UP");
            }
        }
        EventProcessor activities = run.app().querySide().getBean(EventProcessingConfiguration.class)
                .eventProcessor("activities").orElseThrow();
        activities.shutDown();
        try {
            // readiness samples the processors at most once a second
            Http.Response stopped = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> new Http(run.app().queryPort()).get("/actuator/health/readiness"),
                            health -> health.status() != 200);
            assertThat(stopped.status()).as(stopped.raw()).isEqualTo(503);
            assertThat(stopped.body().get("status").asString()).isEqualTo("DOWN");
            assertThat(new Http(run.app().queryPort()).get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(scrape(run.app().queryPort()).value("medborgarlofte_processor_running",
                    "processing_group", "activities")).isZero();
        } finally {
            activities.start();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                new Http(run.app().queryPort()).get("/actuator/health/readiness").status() == 200);
    }
}
