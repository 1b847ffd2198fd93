package se.medborgarlofte.benchmark;

import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.local.LocalApplication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static se.medborgarlofte.benchmark.Measure.millis;
import static se.medborgarlofte.benchmark.Measure.progress;

/**
 * Part 6, the public web: the local run with the demo data and the web, one client asking for a promise page (and
 * the list page) over loopback HTTP, one at a time, so the time is the server's; p50 and p95 after a warm-up.
 * The goal is a promise page in at most 50 ms at p95.
 */
final class WebPagesPart {

    private static final String PROMISE_PAGE = "/loften/gnosjo-2024";
    private final int requests;

    WebPagesPart(int requests) {
        this.requests = requests;
    }

    List<Row> run(Map<String, String> notes) throws Exception {
        progress("6/7 the public web: %d requests per page, one at a time", requests);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             LocalApplication app = new LocalApplication(new LocalApplication.Settings(server.uri("medborgarlofte"),
                     null, 0, 0, 0, 0, true, Map.of("logging.level.root", "WARN", "spring.main.banner-mode", "off")))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://localhost:" + app.webPort();
            awaitDemoData(client, base);
            LongList promise = timings(client, base + PROMISE_PAGE);
            LongList list = timings(client, base + "/");
            notes.put("web (part 6)", String.format(Locale.ROOT, "demo data, in-memory embedded server, %d requests "
                    + "per page after %d warm-up requests, gzip asked for; the page %s", requests, requests / 2,
                    PROMISE_PAGE));
            return List.of(
                    new Row("6", "promise page p50 / p95 (goal p95 <= 50 ms)", millis(promise.percentileMillis(50))
                                                                          + " / " + millis(promise.percentileMillis(95)), "", ""),
                    new Row("6", "promise list page p50 / p95", millis(list.percentileMillis(50)) + " / "
                                                          + millis(list.percentileMillis(95)), "", ""));
        }
    }

    private static void awaitDemoData(HttpClient client, String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + PROMISE_PAGE)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && page.body().contains("Senast")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the demo promise page did not appear");
    }

    private LongList timings(HttpClient client, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip").build();
        for (int i = 0; i < requests / 2; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        LongList nanos = new LongList();
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            nanos.add(System.nanoTime() - started);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
        }
        return nanos;
    }
}
