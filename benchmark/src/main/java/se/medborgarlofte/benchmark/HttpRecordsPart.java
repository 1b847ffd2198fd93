package se.medborgarlofte.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.local.LocalApplication;
import se.medborgarlofte.security.LocalUsers;
import se.medborgarlofte.security.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static se.medborgarlofte.benchmark.EventStoreBenchmark.send;
import static se.medborgarlofte.benchmark.Measure.progress;
import static se.medborgarlofte.benchmark.Measure.runThreads;
import static se.medborgarlofte.benchmark.Measure.rate;

/**
 * Part 10, recording over HTTP: the local run (file-backed, durable, as {@code ./run}) with eight police editors,
 * each a client of its own that records activities on its own promise with HTTP Basic (as scripts do; the command
 * side remembers a verified password briefly, so BCrypt runs once per user, not per request), one request at a time
 * on a kept-alive connection. Measured against eight threads sending the same command through the CommandGateway in
 * the same application, one promise each, just before.
 */
final class HttpRecordsPart {

    private static final int CLIENTS = 8;
    private static final String PASSWORD = "bench-http-password";
    private final int seconds;
    private final int minWarmupSeconds;
    private final int maxWarmupSeconds;

    HttpRecordsPart(int seconds, int minWarmupSeconds, int maxWarmupSeconds) {
        this.seconds = seconds;
        this.minWarmupSeconds = minWarmupSeconds;
        this.maxWarmupSeconds = maxWarmupSeconds;
    }

    List<Row> run(Map<String, String> notes) throws Exception {
        progress("10 recording over HTTP: %d signed-in clients against %d gateway threads, %d s each", CLIENTS, CLIENTS,
                seconds);
        Path data = Files.createTempDirectory("bench-http");
        List<LocalUsers.NewUser> users = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            users.add(new LocalUsers.NewUser("polis" + i, "Polis " + i, Role.EDITOR, Fixtures.policeArea(i), PASSWORD));
        }
        LocalUsers.provision(data.resolve("users.json"), users);
        try (LocalApplication app = new LocalApplication(new LocalApplication.Settings(null, data, 0, 0, 0, false,
                Map.of("logging.level.root", "WARN", "spring.main.banner-mode", "off")))) {
            app.querySide().close();
            CommandGateway gateway = app.commandSide().getBean(CommandGateway.class);
            for (int i = 0; i < CLIENTS; i++) {
                PromiseId id = Fixtures.promiseId("http", i);
                send(gateway, Fixtures.signPromise(id, i), Fixtures.admin(UUID.randomUUID().toString()));
                send(gateway, Fixtures.addCommitment(id), Fixtures.admin(UUID.randomUUID().toString()));
            }
            AtomicLong sequence = new AtomicLong();
            WarmUp.Outcome warmGateway = WarmUp.run(minWarmupSeconds, maxWarmupSeconds,
                    s -> viaGateway(gateway, sequence, s));
            long jit = WarmUp.compiledMillis();
            double gatewayRate = viaGateway(gateway, sequence, seconds);
            long jitGateway = WarmUp.compiledMillisSince(jit);
            String base = "http://localhost:" + app.commandPort() + "/api/promises/";
            WarmUp.Outcome warmHttp = WarmUp.run(minWarmupSeconds, maxWarmupSeconds,
                    s -> viaHttp(base, sequence, s, new LongList()));
            jit = WarmUp.compiledMillis();
            LongList latencies = new LongList();
            double httpRate = viaHttp(base, sequence, seconds, latencies);
            long jitHttp = WarmUp.compiledMillisSince(jit);
            double goal = Math.min(0.5 * gatewayRate, 500);
            notes.put("recording over HTTP (part 10)", String.format(Locale.ROOT, "the local run's durable embedded "
                    + "server, query side closed; %d police editors (one per promise, HTTP Basic, java.net.http "
                    + "HTTP/1.1 keep-alive, one request at a time each) after a %s; the gateway row sends the same "
                    + "RecordActivity from %d threads, one promise each, after a %s; JIT compiling %d ms (gateway) and "
                    + "%d ms (HTTP) during the measured runs; goal: HTTP >= min(0.5 x gateway, 500/s) = %,.0f/s",
                    CLIENTS, warmHttp, CLIENTS, warmGateway, jitGateway, jitHttp, goal));
            return List.of(
                    new Row("10", "RecordActivity via CommandGateway, " + CLIENTS + " threads, durable",
                            rate(gatewayRate, "cmd/s"), "1.00", "= limit G8"),
                    new Row("10", "RecordActivity over HTTP, " + CLIENTS + " signed-in clients, durable",
                            rate(httpRate, "records/s") + String.format(Locale.ROOT, " (p50 %.1f ms, p99 %.1f ms)",
                                    latencies.percentileMillis(50), latencies.percentileMillis(99)),
                            Measure.ratio(httpRate, gatewayRate),
                            "G8 (goal >= " + (goal < 500 ? "0.5" : "500/s") + ")"));
        } finally {
            Measure.delete(data);
        }
    }

    private static double viaGateway(CommandGateway gateway, AtomicLong sequence, int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        long elapsed = runThreads(CLIENTS, seconds, thread -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            PromiseId id = Fixtures.promiseId("http", thread);
            while (System.nanoTime() < deadline) {
                long n = sequence.getAndIncrement();
                send(gateway, Fixtures.recordActivity(id, "g-" + n, n),
                        Fixtures.policeEditor(thread, UUID.randomUUID().toString()));
                done.incrementAndGet();
            }
        });
        return done.get() / (elapsed / 1e9);
    }

    private static double viaHttp(String base, AtomicLong sequence, int seconds, LongList latencies)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long elapsed = runThreads(CLIENTS, seconds, thread -> {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String authorization = "Basic " + Base64.getEncoder().encodeToString(("polis" + thread + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            URI uri = URI.create(base + Fixtures.promiseId("http", thread).value() + "/activities");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                long n = sequence.getAndIncrement();
                long started = System.nanoTime();
                HttpResponse<String> response;
                try {
                    response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Authorization", authorization).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body("h-" + n, n))).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
                }
                latencies.add(System.nanoTime() - started);
                done.incrementAndGet();
            }
        });
        return done.get() / (elapsed / 1e9);
    }

    /** The same activity as {@link Fixtures#activityDetails}, as the API takes it. */
    private static String body(String activityId, long n) {
        return String.format(Locale.ROOT, """
                {"activityId":"%s","kind":"TRAFFIC_CONTROL","occurredOn":"%s","place":"Skolvägen %d",
                 "performedBy":"POLICE","commitmentIds":["%s"],
                 "participants":["Anna Andersson","Bertil Berg","Cecilia Carlsson"],
                 "outcomes":{"vehiclesChecked":%d,"drunkDrivingSuspected":2,"speedingOffences":5},"notes":"%s"}""",
                activityId, Fixtures.TODAY.minusDays(1 + n % 300), n % 97, Fixtures.commitmentId().value(),
                40 + n % 20, Fixtures.NOTES);
    }
}
