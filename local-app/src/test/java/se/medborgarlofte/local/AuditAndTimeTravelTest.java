package se.medborgarlofte.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who changed what, when and why; and any past report reproduced exactly, after back-dated entries and
 * corrections. Both apps and the event timestamps run on the {@link TestClock} (today is 2025-09-15).
 */
class AuditAndTimeTravelTest {

    static LocalApplication app;
    static Http command;
    static Http query;

    @BeforeAll
    static void start() {
        TestClock.install();
        app = new LocalApplication(TestUsers.inMemory());
        command = new Http(app.commandPort());
        query = new Http(app.queryPort(), "lasare");
    }

    @AfterAll
    static void stop() {
        app.close();
        TestClock.release();
    }

    /** Signed in as a test user, with the request's correlation and command ids. */
    static Http as(String user) {
        return command.as(user);
    }

    /** Sent by the test user named in the correlation id ("corr-polis" is sent by polis). */
    static Http.Response post(String path, String body, String[] ids) {
        return as(ids[1].substring("corr-".length())).post(path, body, ids);
    }

    static String[] ids(String correlation) {
        return new String[]{"X-Correlation-Id", correlation, "X-Command-Id", "cmd-" + System.nanoTime()};
    }

    static void ok(Http.Response response) {
        assertThat(response.status()).as(response.raw()).isBetween(200, 201);
    }

    static String promise(String id) {
        return """
                {"promiseId": "%s", "title": "Medborgarlöfte Testby 2025", "municipalities": ["Testby"],
                 "policeArea": "Lokalpolisområde Testby", "validFrom": "2025-01-01", "validTo": "2025-12-31",
                 "signedOn": "2024-12-15", "signatories": [{"name": "Eva Ek", "role": "KSO", "side": "MUNICIPALITY"}],
                 "statement": "Vi lovar trygghet.", "focusAreas": [{"code": "TRAFFIC", "title": "Trafik"}]}
                """.formatted(id);
    }

    static String activity(String id, String date) {
        return """
                {"activityId": "%s", "kind": "TRAFFIC_CONTROL", "occurredOn": "%s", "place": "Storgatan",
                 "performedBy": "POLICE", "commitmentIds": ["traffic"], "outcomes": {"vehiclesChecked": 30}}
                """.formatted(id, date);
    }

    static JsonNode awaitProgress(String path, java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> query.get(path).body(), body -> body != null && body.has("commitments") && ready.test(body));
    }

    static JsonNode traffic(JsonNode progress) {
        return EndToEndScenario.commitment(progress, "traffic");
    }

    @Test
    void aReportGivenOnADayIsReproducedExactlyAfterBackDatedEntriesAndCorrections() throws Exception {
        ok(post("/api/promises", promise("tt"), ids("corr-admin")));
        ok(post("/api/promises/tt/commitments", """
                {"commitmentId": "traffic", "title": "Trafikkontroller", "owner": "JOINT", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "target": 10}
                """, ids("corr-kommun")));
        ok(post("/api/promises/tt/activities", activity("a1", "2025-03-01"), ids("corr-polis")));
        ok(post("/api/promises/tt/activities", activity("a2", "2025-04-01"), ids("corr-polis")));
        JsonNode reported = awaitProgress("/api/promises/tt/progress?asOf=2025-06-30",
                body -> body.get("commitments").size() == 1 && traffic(body).get("done").asInt() == 2);
        Thread.sleep(30);
        Instant reportedAt = TestClock.now();
        Thread.sleep(30);

        // after the BRÅ meeting: two back-dated controls, a correction and a new target
        ok(post("/api/promises/tt/activities", activity("a3", "2025-02-01"), ids("corr-polis2")));
        ok(post("/api/promises/tt/activities", activity("a4", "2025-02-15"), ids("corr-polis2")));
        ok(post("/api/promises/tt/activities/a1/correction",
                "{\"occurredOn\": \"2025-07-01\", \"reason\": \"Fel datum angavs\"}", ids("corr-polis2")));
        ok(post("/api/promises/tt/commitments/traffic/revision", """
                {"title": "Trafikkontroller", "owner": "JOINT", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "target": 12, "reason": "Höjt mål efter BRÅ-mötet"}
                """, ids("corr-kommun")));

        JsonNode now = awaitProgress("/api/promises/tt/progress?asOf=2025-06-30",
                body -> body.get("commitments").size() == 1 && traffic(body).get("target").asInt() == 12
                        && traffic(body).get("done").asInt() == 3);
        assertThat(traffic(now).get("done").asInt()).isEqualTo(3);

        JsonNode then = query.get("/api/promises/tt/progress?asOf=2025-06-30&knownAt=" + reportedAt).body();
        assertThat(then.get("exists").asBoolean()).isTrue();
        assertThat(then.get("knownAt").asString()).isEqualTo(reportedAt.toString());
        assertThat(traffic(then).get("done").asInt()).isEqualTo(traffic(reported).get("done").asInt()).isEqualTo(2);
        assertThat(traffic(then).get("target").asInt()).isEqualTo(10);
        assertThat(traffic(then).get("expected")).isEqualTo(traffic(reported).get("expected"));
        assertThat(traffic(then).get("status")).isEqualTo(traffic(reported).get("status"));
        assertThat(traffic(then).get("months")).isEqualTo(traffic(reported).get("months"));

        List<JsonNode> history = list(query.get("/api/promises/tt/history").body());
        assertThat(history).extracting(e -> e.get("change").asString()).containsExactly("PROMISE_SIGNED",
                "COMMITMENT_ADDED", "ACTIVITY_RECORDED", "ACTIVITY_RECORDED", "ACTIVITY_RECORDED",
                "ACTIVITY_RECORDED", "ACTIVITY_CORRECTED", "COMMITMENT_REVISED");
        JsonNode correction = history.get(6);
        assertThat(correction.get("who").get("userId").asString()).isEqualTo("polis2");
        assertThat(correction.get("who").get("userName").asString()).isEqualTo("Bo Polis");
        assertThat(correction.get("who").get("organisation").asString()).isEqualTo("Lokalpolisområde Testby");
        assertThat(correction.get("reason").asString()).isEqualTo("Fel datum angavs");
        assertThat(correction.get("subjectId").asString()).isEqualTo("a1");
        assertThat(correction.get("changes")).hasSize(1);
        assertThat(correction.get("changes").get(0).get("field").asString()).isEqualTo("occurredOn");
        assertThat(correction.get("changes").get(0).get("before").asString()).isEqualTo("2025-03-01");
        assertThat(correction.get("changes").get(0).get("after").asString()).isEqualTo("2025-07-01");
        JsonNode revision = history.get(7);
        assertThat(revision.get("summary").asString()).isEqualTo("Målet för Trafikkontroller ändrades från 10 till 12.");
        assertThat(revision.get("who").get("userId").asString()).isEqualTo("kommun");
        assertThat(revision.get("reason").asString()).isEqualTo("Höjt mål efter BRÅ-mötet");
        assertThat(revision.get("correlationId").asString()).isEqualTo("corr-kommun");
        assertThat(revision.get("commandId").asString()).startsWith("cmd-");
        assertThat(history.get(4).get("who").get("userId").asString()).isEqualTo("polis2");
        assertThat(Instant.parse(history.get(4).get("recordedAt").asString())).isAfter(reportedAt);

        // the same answers per commitment and per activity
        assertThat(list(query.get("/api/promises/tt/activities/a1/history").body()))
                .extracting(e -> e.get("change").asString()).containsExactly("ACTIVITY_RECORDED", "ACTIVITY_CORRECTED");
        assertThat(list(query.get("/api/promises/tt/commitments/traffic/history").body())).hasSize(7);

        // what changed since the report, for the next BRÅ agenda
        String today = TestClock.TODAY_TEXT;
        JsonNode changes = query.get("/api/promises/tt/changes?from=" + today + "&to=" + today).body();
        assertThat(changes.get("newActivities")).hasSize(4);
        assertThat(changes.get("correctedActivities")).hasSize(1);
        assertThat(changes.get("retractedActivities")).isEmpty();
        assertThat(changes.get("commitmentChanges")).hasSize(2);
        assertThat(query.get("/api/promises/tt/changes?from=2025-09-14&to=2025-09-14").body().get("newActivities"))
                .as("nothing was recorded the day before").isEmpty();
        assertThat(query.get("/api/promises/tt/changes?from=2020-01-01&to=2020-01-31").body().get("newActivities"))
                .isEmpty();
    }

    /** A monthly duty: a back-dated lägesbild fills its month from then on, but not in what was known before. */
    @Test
    void aBackDatedRecordFillsAMissedMonthOnlyFromWhenItWasRecorded() throws Exception {
        ok(post("/api/promises", promise("cad"), ids("corr-admin")));
        ok(post("/api/promises/cad/commitments", """
                {"commitmentId": "traffic", "title": "Månatlig trafikkontroll", "owner": "JOINT", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "shape": "CADENCE", "cadence": {"every": "MONTH", "atLeast": 1}}
                """, ids("corr-kommun")));
        ok(post("/api/promises/cad/activities", activity("c1", "2025-01-10"), ids("corr-polis")));
        ok(post("/api/promises/cad/activities", activity("c3", "2025-03-10"), ids("corr-polis")));
        JsonNode missed = awaitProgress("/api/promises/cad/progress?asOf=2025-03-31",
                body -> body.get("commitments").size() == 1 && traffic(body).get("done").asInt() == 2);
        assertThat(traffic(missed).get("status").asString()).isEqualTo("BEHIND");
        assertThat(traffic(missed).get("cadence").get("missed").get(0).asString()).isEqualTo("2025-02");
        Thread.sleep(30);
        Instant before = TestClock.now();
        Thread.sleep(30);

        ok(post("/api/promises/cad/activities", activity("c2", "2025-02-20"), ids("corr-polis")));
        JsonNode filled = awaitProgress("/api/promises/cad/progress?asOf=2025-03-31",
                body -> traffic(body).get("done").asInt() == 3);
        assertThat(traffic(filled).get("status").asString()).isEqualTo("ON_TRACK");
        assertThat(traffic(filled).get("cadence").get("met").asInt()).isEqualTo(3);

        JsonNode known = query.get("/api/promises/cad/progress?asOf=2025-03-31&knownAt=" + before).body();
        assertThat(traffic(known).get("status").asString()).as("what the BRÅ knew then").isEqualTo("BEHIND");
        assertThat(traffic(known).get("cadence").get("missed").get(0).asString()).isEqualTo("2025-02");
    }

    @Test
    void everyKindOfChangeIsInTheHistoryFieldByField() {
        ok(post("/api/promises", promise("all"), ids("corr-admin")));
        ok(post("/api/promises/all/commitments", """
                {"commitmentId": "traffic", "title": "Trafikkontroller", "owner": "JOINT", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "target": 10}
                """, ids("corr-kommun")));
        ok(post("/api/promises/all/commitments", """
                {"commitmentId": "light", "title": "Belysning", "owner": "MUNICIPALITY", "focusArea": "TRAFFIC",
                 "countedKinds": ["PHYSICAL_MEASURE"]}
                """, ids("corr-kommun")));
        ok(post("/api/promises/all/commitments/light/assessments",
                "{\"assessedOn\": \"2025-03-01\", \"status\": \"BEHIND\", \"rationale\": \"Upphandling försenad\"}", ids("corr-kommun")));
        ok(post("/api/promises/all/activities", activity("a1", "2025-03-01"), ids("corr-polis")));
        ok(post("/api/promises/all/activities/a1/correction",
                "{\"place\": \"Torget\", \"outcomes\": {\"vehiclesChecked\": 31}, \"reason\": \"Felskrivning\"}", ids("corr-polis")));
        ok(post("/api/promises/all/activities/a1/retraction", "{\"reason\": \"Dubbelregistrerad\"}", ids("corr-polis")));
        ok(post("/api/promises/all/commitments/light/withdrawal", "{\"reason\": \"Ingår i annat projekt\"}", ids("corr-kommun")));
        ok(post("/api/promises/all/amendment", promise("all").replace("Vi lovar trygghet.", "Vi lovar mer trygghet.")
                .replace("}\n", ", \"reason\": \"Förtydligande\"}\n"), ids("corr-admin")));
        ok(post("/api/promises/all/closure", "{\"closedOn\": \"2025-09-15\", \"summary\": \"Klart\"}", ids("corr-admin")));

        List<JsonNode> history = list(query.get("/api/promises/all/history").body());
        assertThat(history).extracting(e -> e.get("change").asString()).containsExactly("PROMISE_SIGNED",
                "COMMITMENT_ADDED", "COMMITMENT_ADDED", "COMMITMENT_ASSESSED", "ACTIVITY_RECORDED",
                "ACTIVITY_CORRECTED", "ACTIVITY_RETRACTED", "COMMITMENT_WITHDRAWN", "PROMISE_AMENDED", "PROMISE_CLOSED");

        assertThat(field(history.get(0), "title").get("after").asString()).isEqualTo("Medborgarlöfte Testby 2025");
        assertThat(field(history.get(0), "validTo").get("after").asString()).isEqualTo("2025-12-31");
        assertThat(field(history.get(0), "title").get("before").isNull()).isTrue();
        assertThat(history.get(0).get("who").get("role").asString()).isEqualTo("ADMIN");
        assertThat(field(history.get(1), "target").get("after").asInt()).isEqualTo(10);
        assertThat(field(history.get(1), "countedKinds").get("after").get(0).asString()).isEqualTo("TRAFFIC_CONTROL");
        assertThat(field(history.get(3), "status").get("after").asString()).isEqualTo("BEHIND");
        assertThat(field(history.get(3), "rationale").get("after").asString()).isEqualTo("Upphandling försenad");
        assertThat(field(history.get(4), "place").get("after").asString()).isEqualTo("Storgatan");
        assertThat(field(history.get(4), "commitmentIds").get("after").get(0).asString()).isEqualTo("traffic");
        assertThat(history.get(5).get("changes")).hasSize(2);
        assertThat(field(history.get(5), "place").get("before").asString()).isEqualTo("Storgatan");
        assertThat(field(history.get(5), "place").get("after").asString()).isEqualTo("Torget");
        assertThat(field(history.get(5), "outcomes").get("before").get("vehiclesChecked").asInt()).isEqualTo(30);
        assertThat(field(history.get(5), "outcomes").get("after").get("vehiclesChecked").asInt()).isEqualTo(31);
        assertThat(history.get(5).get("reason").asString()).isEqualTo("Felskrivning");
        assertThat(field(history.get(6), "retracted").get("after").asBoolean()).isTrue();
        assertThat(history.get(6).get("reason").asString()).isEqualTo("Dubbelregistrerad");
        assertThat(history.get(6).get("summary").asString()).isEqualTo("Trafikkontroll 2025-03-01, Torget återkallades.");
        assertThat(field(history.get(7), "withdrawn").get("after").asBoolean()).isTrue();
        assertThat(history.get(7).get("summary").asString()).isEqualTo("Åtagandet ”Belysning” drogs tillbaka.");
        assertThat(history.get(8).get("changes")).hasSize(1);
        assertThat(field(history.get(8), "statement").get("before").asString()).isEqualTo("Vi lovar trygghet.");
        assertThat(field(history.get(8), "statement").get("after").asString()).isEqualTo("Vi lovar mer trygghet.");
        assertThat(history.get(8).get("reason").asString()).isEqualTo("Förtydligande");
        assertThat(field(history.get(9), "closedOn").get("after").asString()).isEqualTo("2025-09-15");
        assertThat(history).allSatisfy(entry -> {
            assertThat(entry.get("recordedAt").isString()).isTrue();
            assertThat(entry.get("summary").asString()).isNotBlank();
        });
    }

    @Test
    void badInputGetsAClearAnswer() {
        ok(post("/api/promises", promise("bad"), ids("corr-admin")));
        await().atMost(Duration.ofSeconds(10)).until(() -> query.get("/api/promises/bad").status() == 200);
        assertThat(query.get("/api/promises/nope/history").status()).isEqualTo(404);
        assertThat(query.get("/api/promises/bad/activities/nope/history").status()).isEqualTo(404);
        assertThat(query.get("/api/promises/bad/commitments/nope/history").status()).isEqualTo(404);
        assertThat(query.get("/api/promises/nope/progress?knownAt=2025-01-01").status()).isEqualTo(404);
        Http.Response malformed = query.get("/api/promises/bad/progress?knownAt=yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body().get("errors").get(0).get("field").asString()).isEqualTo("knownAt");
        assertThat(query.get("/api/promises/bad/history?from=2025-02-01&to=2025-01-01").status()).isEqualTo(400);
        assertThat(query.get("/api/promises/bad/changes?from=2025-02-01&to=2025-01-01").status()).isEqualTo(400);
        assertThat(query.get("/api/promises/bad/changes?from=2025-02-30&to=2025-03-01").status()).isEqualTo(400);
        assertThat(query.get("/api/promises/bad/history/export?format=xml").status()).isEqualTo(400);

        Http.Response before = query.get("/api/promises/bad/progress?knownAt=2000-01-01T00:00:00Z");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().get("exists").asBoolean()).isFalse();
        assertThat(before.body().get("commitments")).isEmpty();
        assertThat(before.body().get("total").get("commitments").asInt()).isZero();
    }

    @Test
    void activityLogAndHistoryExportAsCsvForExcelAndAsJson() throws Exception {
        ok(post("/api/promises", promise("exp"), ids("corr-admin")));
        ok(post("/api/promises/exp/commitments", """
                {"commitmentId": "traffic", "title": "Trafikkontroller", "owner": "JOINT", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "target": 10}
                """, ids("corr-kommun")));
        for (int i = 1; i <= 30; i++) {
            ok(post("/api/promises/exp/activities", activity("a" + i, "2025-03-%02d".formatted(i)), ids("corr-polis")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> query.get("/api/promises/exp/activities").body().size() == 30);

        HttpResponse<byte[]> csv = raw("/api/promises/exp/activities/export?format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        byte[] bytes = csv.body();
        assertThat(new byte[]{bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines).hasSize(31);
        assertThat(lines.get(0)).startsWith("activityId;kind;kindLabel;occurredOn;place");
        assertThat(lines.get(1)).startsWith("a30;TRAFFIC_CONTROL;Trafikkontroll;2025-03-30;Storgatan;POLICE;traffic");

        HttpResponse<byte[]> history = raw("/api/promises/exp/history/export?format=csv");
        List<String> historyLines = new String(history.body(), StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(historyLines).hasSize(33);
        assertThat(historyLines.get(3)).contains("ACTIVITY_RECORDED").contains("polis").contains("Trafikkontroll 2025-03-01");

        JsonNode json = query.get("/api/promises/exp/history/export?format=json").body();
        assertThat(json.size()).isEqualTo(32);
        assertThat(json.get(1).get("summary").asString()).isEqualTo("Åtagandet ”Trafikkontroller” lades till med målet 10.");
        assertThat(query.get("/api/promises/exp/activities/export?format=json&from=2025-03-10&to=2025-03-12").body())
                .hasSize(3);
    }

    static HttpResponse<byte[]> raw(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.queryPort() + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "lasare:lasare-password".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode field(JsonNode entry, String field) {
        for (JsonNode change : entry.get("changes")) {
            if (change.get("field").asString().equals(field)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + field + " in " + entry);
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
