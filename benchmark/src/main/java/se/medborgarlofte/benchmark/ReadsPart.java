package se.medborgarlofte.benchmark;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.local.LocalApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static se.medborgarlofte.benchmark.Measure.millis;
import static se.medborgarlofte.benchmark.Measure.progress;
import static se.medborgarlofte.benchmark.Measure.rate;
import static se.medborgarlofte.benchmark.Measure.runThreads;

/**
 * Part 8, the public reads on the local run (file-backed embedded server, demo data): two more promises, one with
 * {@value #SMALL} activities and one with {@value #LARGE}, appended straight through the storage engine (as part 3
 * does), then projected by the running query side. Measured over loopback HTTP/1.1 with keep-alive
 * ({@code java.net.http}):
 * <ul>
 *   <li>{@code GET /api/promises/{id}/progress?asOf=…} p50 on each, one client, the two interleaved request by
 *   request so both see the same machine, each request with a date not asked before, so that every answer is
 *   computed from the read models rather than given from the query side's cache; goal: the large one at most 2 ×
 *   the small one (and, for comparison, the p50 of the same date asked again);</li>
 *   <li>requests per second with 8 clients on the public promise list and on a promise's progress; goal: at least
 *   1,000 each.</li>
 * </ul>
 * Sizes: {@code bench.reads.requests} (timed requests per promise for the p50, default 400 quick / 1,000 full),
 * {@code bench.reads.seconds} (per rate, default 10 / 20), {@code bench.reads.clients} (8).
 */
final class ReadsPart {

    static final int SMALL = 20;
    static final int LARGE = 20_000;
    private static final Pattern DONE = Pattern.compile("\"done\":(\\d+)");

    private final int requests;
    private final int seconds;
    private final int clients;

    ReadsPart(String profile) {
        boolean quick = "quick".equals(profile);
        this.requests = Integer.getInteger("bench.reads.requests", quick ? 400 : 1000);
        this.seconds = Integer.getInteger("bench.reads.seconds", quick ? 10 : 20);
        this.clients = Integer.getInteger("bench.reads.clients", 8);
    }

    List<Row> run(Map<String, String> notes) throws Exception {
        progress("8/8 reads: progress of promises with %,d and %,d activities, %d clients", SMALL, LARGE, clients);
        Path data = Files.createTempDirectory("bench-reads");
        try (LocalApplication app = new LocalApplication(new LocalApplication.Settings(null, data, freePort(), 0, 0,
                true, Map.of("logging.level.root", "WARN", "spring.main.banner-mode", "off")))) {
            EventStorageEngine storage = app.commandSide().getBean(EventStorageEngine.class);
            PromiseId small = Fixtures.promiseId("reads", 0);
            PromiseId large = Fixtures.promiseId("reads", 1);
            long appendStarted = System.nanoTime();
            append(storage, Fixtures.promiseHistory(small, 0, SMALL + 2, seq -> Instant.now()));
            append(storage, Fixtures.promiseHistory(large, 1, LARGE + 2, seq -> Instant.now()));
            double appendSeconds = (System.nanoTime() - appendStarted) / 1e9;

            String base = "http://localhost:" + app.queryPort();
            String asOf = Fixtures.TODAY.toString();
            String smallBase = base + "/api/promises/" + small + "/progress?asOf=";
            String largeBase = base + "/api/promises/" + large + "/progress?asOf=";
            String smallProgress = smallBase + asOf;
            String largeProgress = largeBase + asOf;
            String list = base + "/api/promises";
            HttpClient client = client();
            long projectStarted = System.nanoTime();
            awaitDone(client, smallProgress, SMALL);
            awaitDone(client, largeProgress, LARGE);
            double projectSeconds = (System.nanoTime() - projectStarted) / 1e9;

            // one client, the two promises in turn, after a warm-up (JIT, connection); a date not asked before on
            // every request (the warm-up's after today, the timed ones up to today), so each answer is computed
            LongList smallTimes = new LongList();
            LongList largeTimes = new LongList();
            for (int i = 1; i <= requests / 2; i++) {
                get(client, smallBase + Fixtures.TODAY.plusDays(i));
                get(client, largeBase + Fixtures.TODAY.plusDays(i));
            }
            for (int i = 0; i < requests; i++) {
                String date = Fixtures.TODAY.minusDays(i).toString();
                smallTimes.add(timed(client, smallBase + date));
                largeTimes.add(timed(client, largeBase + date));
            }
            double smallP50 = smallTimes.percentileMillis(50);
            double largeP50 = largeTimes.percentileMillis(50);
            // the same date again: from the cache
            LongList cachedTimes = new LongList();
            for (int i = 0; i < requests; i++) {
                cachedTimes.add(timed(client, largeProgress));
            }
            int smallBytes = get(client, smallProgress).length;
            int largeBytes = get(client, largeProgress).length;
            int listBytes = get(client, list).length;

            double listRate = requestRate(list);
            double largeRate = requestRate(largeProgress);
            double smallRate = requestRate(smallProgress);

            notes.put("reads (part 8)", String.format(Locale.ROOT, "the local run (file-backed embedded server, demo "
                            + "data) with two more promises of %,d and %,d activities (TRAFFIC_CONTROL on one COUNT "
                            + "commitment, spread over 300 days), appended through the storage engine in %.1f s and "
                            + "projected in %.1f s; progress asOf %s, answers of %,d and %,d bytes, the list %,d bytes (JSON, no gzip); "
                            + "p50 from %d requests per promise by one client, the two interleaved, after %d each, "
                            + "each with a date not asked before (computed from the tally, not from the cache); "
                            + "rates with %d clients (java.net.http, HTTP/1.1 keep-alive, one connection each) for %d s "
                            + "each after %d s of warm-up, every answer read and checked for 200",
                    SMALL, LARGE, appendSeconds, projectSeconds, asOf, smallBytes, largeBytes, listBytes, requests,
                    requests / 2,
                    clients, seconds, Math.max(1, seconds / 3)));
            return List.of(
                    new Row("8", String.format(Locale.ROOT, "progress p50 / p95, %,d activities, each date new", SMALL),
                            millis(smallP50) + " / " + millis(smallTimes.percentileMillis(95)), "", ""),
                    new Row("8", String.format(Locale.ROOT, "progress p50 / p95, %,d activities, each date new", LARGE),
                            millis(largeP50) + " / " + millis(largeTimes.percentileMillis(95)), "", ""),
                    new Row("8", String.format(Locale.ROOT, "progress p50, %,d / %,d activities (goal <= 2)", LARGE,
                            SMALL), String.format(Locale.ROOT, "%.2f", largeP50 / smallP50), "", ""),
                    new Row("8", String.format(Locale.ROOT, "progress p50 / p95, %,d activities, same date again",
                            LARGE), millis(cachedTimes.percentileMillis(50)) + " / "
                                    + millis(cachedTimes.percentileMillis(95)), "", ""),
                    new Row("8", "public promise list, " + clients + " clients (goal >= 1,000 req/s)",
                            rate(listRate, "req/s"), "", ""),
                    new Row("8", String.format(Locale.ROOT, "progress, %,d activities, %d clients (goal >= 1,000 "
                            + "req/s)", LARGE, clients), rate(largeRate, "req/s"), "", ""),
                    new Row("8", String.format(Locale.ROOT, "progress, %,d activities, %d clients", SMALL, clients),
                            rate(smallRate, "req/s"), "", ""));
        } finally {
            Measure.delete(data);
        }
    }

    /** In chunks of 1,000 events, as an import would. */
    private static void append(EventStorageEngine storage, List<DomainEventMessage<?>> events) {
        for (int from = 0; from < events.size(); from += 1000) {
            storage.appendEvents(events.subList(from, Math.min(events.size(), from + 1000)));
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Until the promise's commitment shows every activity. */
    private static void awaitDone(HttpClient client, String url, int activities) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            Matcher done = DONE.matcher(response.body());
            if (response.statusCode() == 200 && done.find() && Integer.parseInt(done.group(1)) == activities) {
                return;
            }
            Thread.sleep(200);
        }
        Matcher shown = DONE.matcher(last);
        throw new IllegalStateException(url + " did not show " + activities + " activities within 300 s: "
                                        + (shown.find() ? shown.group(1) + " shown" : last.substring(0,
                                        Math.min(200, last.length()))));
    }

    /** The answer's bytes, as a page or a proxy would take them (not decoded). */
    private static byte[] get(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static long timed(HttpClient client, String url) throws IOException, InterruptedException {
        long started = System.nanoTime();
        get(client, url);
        return System.nanoTime() - started;
    }

    /** Requests per second from {@link #clients} clients, each with its own connection, one request at a time. */
    private double requestRate(String url) throws Exception {
        loop(url, Math.max(1, seconds / 3));
        return loop(url, seconds);
    }

    private double loop(String url, int duration) throws Exception {
        AtomicLong done = new AtomicLong();
        HttpClient[] perClient = new HttpClient[clients];
        for (int i = 0; i < clients; i++) {
            perClient[i] = client();
        }
        long elapsed = runThreads(clients, duration, thread -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
            try {
                while (System.nanoTime() < deadline) {
                    get(perClient[thread], url);
                    done.incrementAndGet();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return done.get() / (elapsed / 1e9);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
