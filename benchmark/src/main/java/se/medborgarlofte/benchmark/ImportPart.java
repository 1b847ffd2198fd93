package se.medborgarlofte.benchmark;

import se.medborgarlofte.local.LocalApplication;
import se.medborgarlofte.security.LocalUsers;
import se.medborgarlofte.security.Role;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static se.medborgarlofte.benchmark.Measure.progress;

/**
 * Part 7, the CSV import: the local run (file-backed, durable embedded server, as {@code ./run}) takes a file of
 * {@code bench.import.rows} activities, first as a dry run, then imported. The goal is 10,000 rows in under 30 s.
 */
final class ImportPart {

    private static final String PASSWORD = "bench-import-password";
    private final int rows;

    ImportPart(int rows) {
        this.rows = rows;
    }

    List<Row> run(Map<String, String> notes) throws Exception {
        progress("7/7 the CSV import: %d rows on the local run", rows);
        Path data = Files.createTempDirectory("bench-import");
        LocalUsers.provision(data.resolve("users.json"), List.of(new LocalUsers.NewUser("admin", "Admin", Role.ADMIN,
                null, PASSWORD)));
        try (LocalApplication app = new LocalApplication(new LocalApplication.Settings(null, data, freePort(), 0, 0,
                false, Map.of("logging.level.root", "WARN", "spring.main.banner-mode", "off")))) {
            String base = "http://localhost:" + app.commandPort() + "/api/promises";
            post(base, "application/json", """
                    {"promiseId":"bench","title":"Medborgarlöfte Benchby","municipalities":["Benchby"],
                     "policeArea":"Lokalpolisområde Benchby","validFrom":"2025-01-01","validTo":"2025-12-31",
                     "signedOn":"2024-12-01","signatories":[{"name":"Eva","role":"KSO","side":"MUNICIPALITY"}],
                     "statement":"Vi lovar","focusAreas":[{"code":"TRAFFIC","title":"Trafik"}]}""");
            post(base + "/bench/commitments", "application/json", """
                    {"commitmentId":"c","title":"Trafikkontroller","owner":"POLICE","focusArea":"TRAFFIC",
                     "countedKinds":["TRAFFIC_CONTROL"],"target":10000}""");
            StringBuilder csv = new StringBuilder("kind;occurredOn;place;performedBy;commitmentIds;outcomes.vehiclesChecked\n");
            for (int i = 0; i < rows; i++) {
                csv.append("TRAFFIC_CONTROL;2025-").append(String.format(Locale.ROOT, "%02d-%02d", 1 + i % 8, 1 + i % 28))
                        .append(";Väg ").append(i % 50).append(";POLICE;c;").append(i % 40).append('\n');
            }
            byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
            long started = System.nanoTime();
            String dry = post(base + "/bench/activities/import?dryRun=true", "text/csv", file);
            double drySeconds = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            String imported = post(base + "/bench/activities/import?dryRun=false", "text/csv", file);
            double importSeconds = (System.nanoTime() - started) / 1e9;
            if (!dry.contains("\"ok\":" + rows) || !imported.contains("\"ok\":" + rows)) {
                throw new IllegalStateException("not every row was taken: " + imported.substring(0, 200));
            }
            notes.put("import (part 7)", String.format(Locale.ROOT, "%d rows, %d KB, the local run's durable "
                    + "embedded server; the dry run checks every row on the promise and writes nothing", rows,
                    file.length / 1024));
            return List.of(
                    new Row("7", "CSV import dry run, " + rows + " rows", seconds(drySeconds, rows), "", ""),
                    new Row("7", "CSV import, " + rows + " rows (goal < 30 s for 10,000)", seconds(importSeconds, rows),
                            "", ""));
        }
    }

    private static String seconds(double seconds, int rows) {
        return String.format(Locale.ROOT, "%.1f s (%,d rows/s)", seconds, Math.round(rows / seconds));
    }

    private static String post(String url, String type, Object body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofString((String) body);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", type)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
