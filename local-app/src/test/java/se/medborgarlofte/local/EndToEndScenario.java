package se.medborgarlofte.local;

import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.OutcomeMeasures;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path over real HTTP, against both sides and a MongoDB server: sign, add commitments, record (with a
 * retry), correct, retract, assess, then read progress and the activity log and check the numbers.
 * Subclasses choose the MongoDB server, and run both apps on the {@link TestClock} (today is 2025-09-15).
 */
abstract class EndToEndScenario {

    abstract LocalApplication app();

    private Http command() {
        return new Http(app().commandPort(), "admin");
    }

    private Http query() {
        return new Http(app().queryPort(), "lasare");
    }

    @Test
    void recordsCorrectsAndRetractsActivitiesAndProgressCountsExactlyWhatStands() {
        Http command = command();
        Http query = query();
        String promiseId = "e2e-" + UUID.randomUUID();
        Http police = command.as("polis");
        Http municipality = command.as("kommun");

        Http.Response signed = command.post("/api/promises", """
                {"promiseId": "%s", "title": "Medborgarlöfte Testby 2025", "municipalities": ["Testby"],
                 "policeArea": "Lokalpolisområde Testby", "validFrom": "2025-01-01", "validTo": "2025-12-31",
                 "signedOn": "2024-12-15",
                 "signatories": [{"name": "Eva Ek", "role": "Kommunstyrelsens ordförande", "side": "MUNICIPALITY"},
                                 {"name": "Per Polis", "role": "Lokalpolisområdeschef", "side": "POLICE"}],
                 "statement": "Vi lovar att arbeta för ökad trygghet i Testby.",
                 "focusAreas": [{"code": "TRAFFIC", "title": "Trafik"}, {"code": "SAFETY", "title": "Trygghet"}]}
                """.formatted(promiseId));
        assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
        assertThat(signed.body().get("promiseId").asString()).isEqualTo(promiseId);
        String base = "/api/promises/" + promiseId;

        addCommitment(command, base, "traffic", "Trafikkontroller på riksväg 26", "POLICE", "TRAFFIC",
                "TRAFFIC_CONTROL", "12");
        addCommitment(command, base, "walks", "Trygghetsvandringar", "JOINT", "SAFETY", "SAFETY_WALK", "4");
        addCommitment(command, base, "lighting", "Bättre belysning", "MUNICIPALITY", "SAFETY", "PHYSICAL_MEASURE", "null");

        String a1 = activity("a1", "TRAFFIC_CONTROL", "2025-02-10", "Riksväg 26", "POLICE", "traffic");
        assertThat(police.post(base + "/activities", a1).status()).isEqualTo(201);
        Http.Response retry = police.post(base + "/activities", a1);
        assertThat(retry.status()).as("a retry of the same activity is accepted and adds nothing").isEqualTo(200);
        assertThat(police.post(base + "/activities",
                activity("a2", "TRAFFIC_CONTROL", "2025-03-05", "Storgatan", "POLICE", "traffic")).status())
                .isEqualTo(201);
        assertThat(municipality.post(base + "/activities",
                activity("a3", "SAFETY_WALK", "2025-03-20", "Centrum", "MUNICIPALITY", "walks")).status())
                .isEqualTo(201);
        assertThat(police.post(base + "/activities",
                activity("a4", "TRAFFIC_CONTROL", "2025-04-01", "Riksväg 26", "POLICE", "traffic")).status())
                .isEqualTo(201);

        Http.Response reused = police.post(base + "/activities",
                activity("a1", "TRAFFIC_CONTROL", "2025-02-11", "Riksväg 26", "POLICE", "traffic"));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        Http.Response wrongSide = police.post(base + "/activities",
                activity("a5", "PHYSICAL_MEASURE", "2025-04-02", "Parken", "POLICE", "lighting"));
        assertThat(wrongSide.status()).isEqualTo(409);
        assertThat(wrongSide.body().get("rule").asString()).isEqualTo("PERFORMER_MISMATCH");
        Http.Response future = police.post(base + "/activities",
                activity("a6", "TRAFFIC_CONTROL", "2025-09-16", "Riksväg 26", "POLICE", "traffic"));
        assertThat(future.status()).as("tomorrow, inside the period").isEqualTo(409);
        assertThat(future.body().get("rule").asString()).isEqualTo("IN_FUTURE");
        Http.Response outside = police.post(base + "/activities",
                activity("a7", "TRAFFIC_CONTROL", "2026-01-02", "Riksväg 26", "POLICE", "traffic"));
        assertThat(outside.status()).isEqualTo(409);
        assertThat(outside.body().get("rule").asString()).isEqualTo("OUTSIDE_PERIOD");

        Http.Response corrected = police.post(base + "/activities/a2/correction",
                "{\"occurredOn\": \"2025-07-01\", \"reason\": \"Fel datum angavs\"}");
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(200);
        Http.Response noReason = police.post(base + "/activities/a4/retraction", "{\"reason\": \" \"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(police.post(base + "/activities/a4/retraction", "{\"reason\": \"Dubbelregistrerad\"}").status())
                .isEqualTo(200);
        assertThat(police.post(base + "/activities/a4/correction",
                "{\"place\": \"Annan plats\", \"reason\": \"x\"}").status())
                .as("a retracted activity can't be corrected").isEqualTo(409);
        assertThat(municipality.post(base + "/commitments/lighting/assessments",
                "{\"assessedOn\": \"2025-05-01\", \"status\": \"ON_TRACK\", \"rationale\": \"Tre armaturer bytta\"}")
                .status()).isEqualTo(201);

        // both read models have seen the last commands: the retraction, the correction and the assessment
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> query.get(base + "/activities?includeRetracted=true").body(),
                        log -> log.size() == 4 && log.get(0).get("corrections").asInt() == 1
                                && log.get(1).get("retracted").asBoolean());

        // mid-year: a1 counts; a2 was moved to July; a4 is retracted
        JsonNode midYear = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> query.get(base + "/progress?asOf=2025-06-30"),
                        r -> r.status() == 200 && isSettled(r.body()))
                .body();
        JsonNode traffic = commitment(midYear, "traffic");
        assertThat(traffic.get("done").asInt()).isEqualTo(1);
        assertThat(traffic.get("target").asInt()).isEqualTo(12);
        assertThat(traffic.get("expected").asDouble()).isEqualTo(6.0); // 12 * 181/365 days
        assertThat(traffic.get("status").asString()).isEqualTo("BEHIND");
        assertThat(traffic.get("forecast").isNull()).as("one activity is too few to forecast from").isTrue();
        assertThat(month(traffic, "2025-02").get("done").asInt()).isEqualTo(1);
        assertThat(month(traffic, "2025-04").get("done").asInt()).isZero();
        assertThat(month(traffic, "2025-07").get("done").isNull()).isTrue();
        JsonNode walks = commitment(midYear, "walks");
        assertThat(walks.get("done").asInt()).isEqualTo(1);
        assertThat(walks.get("status").asString()).isEqualTo("BEHIND"); // 1 of 2.0 expected
        JsonNode lighting = commitment(midYear, "lighting");
        assertThat(lighting.get("status").asString()).isEqualTo("ON_TRACK");
        assertThat(lighting.get("statusSource").asString()).isEqualTo("ASSESSMENT");
        assertThat(midYear.get("total").get("done").asInt()).isEqualTo(2);
        assertThat(midYear.get("total").get("target").asInt()).isEqualTo(16);

        JsonNode yearEnd = query.get(base + "/progress?asOf=2025-12-31").body();
        assertThat(commitment(yearEnd, "traffic").get("done").asInt()).isEqualTo(2);
        assertThat(commitment(yearEnd, "traffic").get("forecast").isNull()).as("two activities: no forecast").isTrue();
        assertThat(query.get(base + "/progress?asOf=2025-01-01").body().get("asOf").asString()).isEqualTo("2025-01-01");
        assertThat(query.get(base + "/progress?asOf=2031-01-01").body().get("asOf").asString())
                .as("asOf is clamped to the period").isEqualTo("2025-12-31");
        assertThat(query.get(base + "/progress").body().get("asOf").asString())
                .as("without asOf: today").isEqualTo(TestClock.TODAY_TEXT);

        JsonNode log = query.get(base + "/activities").body();
        assertThat(ids(log)).containsExactly("a2", "a3", "a1");
        assertThat(log.get(0).get("occurredOn").asString()).isEqualTo("2025-07-01");
        assertThat(log.get(0).get("corrections").asInt()).isEqualTo(1);
        assertThat(log.get(0).get("recordedBy").asString()).isEqualTo("polis");
        assertThat(ids(query.get(base + "/activities?includeRetracted=true").body())).containsExactly("a2", "a4", "a3", "a1");
        assertThat(ids(query.get(base + "/activities?kind=SAFETY_WALK").body())).containsExactly("a3");
        assertThat(ids(query.get(base + "/activities?commitmentId=traffic&from=2025-01-01&to=2025-06-30").body()))
                .containsExactly("a1");
        assertThat(ids(query.get(base + "/activities?place=riksväg").body())).containsExactly("a1");
        assertThat(ids(query.get(base + "/activities?performedBy=MUNICIPALITY").body())).containsExactly("a3");
        assertThat(query.get(base + "/activities?from=2025-06-01&to=2025-01-01").status()).isEqualTo(400);
        Http.Response badKind = query.get(base + "/activities?kind=PARADE");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.body().get("errors").get(0).get("field").asString()).isEqualTo("kind");
        assertThat(badKind.body().get("detail").asString()).contains("PARADE");
        Http.Response badDate = query.get(base + "/activities?to=2025-02-30");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body().get("errors").get(0).get("field").asString()).isEqualTo("to");
        assertThat(query.get(base + "/progress?asOf=2025-02-30").status()).isEqualTo(400);
        assertThat(query.get("/api/promises/no-such-promise/progress").status()).isEqualTo(404);

        JsonNode commandApi = new Http(app().commandPort()).get("/v3/api-docs").body();
        assertThat(commandApi.get("paths").has("/api/promises/{promiseId}/activities")).isTrue();
        assertThat(commandApi.get("paths").has("/api/promises/{promiseId}/activities/{activityId}/correction")).isTrue();
        JsonNode queryApi = new Http(app().queryPort()).get("/v3/api-docs").body();
        assertThat(queryApi.get("paths").has("/api/promises/{promiseId}/progress")).isTrue();
        assertThat(queryApi.get("paths").get("/api/promises/{promiseId}/activities").get("get").get("parameters")
                .findValuesAsString("name")).contains("kind", "commitmentId", "performedBy", "from", "to", "place",
                "includeRetracted");

        JsonNode promise = query.get(base).body();
        assertThat(promise.get("commitments")).hasSize(3);
        assertThat(query.get("/api/promises").body().findValuesAsString("promiseId")).contains(promiseId);
    }

    /** Section 2 and 5 of issue 10: a finding from a trygghetsvandring to "Ni sa – vi gjorde", then renewal. */
    @Test
    void aFindingBecomesAnÅtgärdIsPublishedInItsPublicWordingAndThePromiseIsRenewed() {
        Http command = command();
        Http municipality = command.as("kommun");
        Http query = query();
        Http anonymous = new Http(app().queryPort());
        String promiseId = "fynd-" + UUID.randomUUID();
        String base = "/api/promises/" + promiseId;
        assertThat(command.post("/api/promises", """
                {"promiseId": "%s", "title": "Medborgarlöfte Testby 2025", "municipalities": ["Testby"],
                 "policeArea": "Lokalpolisområde Testby", "validFrom": "2025-01-01", "validTo": "2025-12-31",
                 "signedOn": "2024-12-15",
                 "signatories": [{"name": "Eva Ek", "role": "Kommunstyrelsens ordförande", "side": "MUNICIPALITY"}],
                 "statement": "Vi lovar.", "focusAreas": [{"code": "SAFETY", "title": "Trygghet"}]}
                """.formatted(promiseId)).status()).isEqualTo(201);
        addCommitment(command, base, "walks", "Trygghetsvandringar", "JOINT", "SAFETY", "SAFETY_WALK", "4");
        assertThat(municipality.post(base + "/activities",
                activity("w1", "SAFETY_WALK", "2025-03-01", "Centrum", "MUNICIPALITY", "walks")).status()).isEqualTo(201);

        String finding = """
                {"findingId": "f1", "activityId": "w1", "what": "Mörk gång bakom Storgatan 5", "place": "Storgatan 5",
                 "category": "LIGHTING", "responsible": "OTHER", "responsibleName": "Gnosjöhem"}""";
        assertThat(municipality.post(base + "/findings", finding).status()).isEqualTo(201);
        assertThat(municipality.post(base + "/findings", finding).status()).as("a retry adds nothing").isEqualTo(200);
        assertThat(municipality.post(base + "/findings/f1/measures", """
                {"measureId": "m1", "what": "Två nya lampor", "responsible": "OTHER", "responsibleName": "Gnosjöhem",
                 "plannedOn": "2025-03-20"}""").status()).isEqualTo(201);
        assertThat(municipality.post(base + "/findings/f1/measures/m1/completion",
                "{\"doneOn\": \"2025-03-11\", \"whatWasDone\": \"Lamporna uppsatta\"}").status()).isEqualTo(200);
        Http.Response early = municipality.post(base + "/findings/f1/report-backs",
                "{\"reportedOn\": \"2025-02-01\", \"how\": \"Anslag\"}");
        assertThat(early.status()).as(early.raw()).isEqualTo(409);
        assertThat(early.body().get("rule").asString()).isEqualTo("BEFORE_FINDING");
        assertThat(municipality.post(base + "/findings/f1/publication", """
                {"publicText": "Det var mörkt på en gångväg", "publicPlace": "Centrum",
                 "publicAction": "Ny belysning"}""").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> anonymous.get(base + "/findings/public").body().size() == 1);
        JsonNode published = anonymous.get(base + "/findings/public").body().get(0);
        assertThat(published.get("said").asString()).isEqualTo("Det var mörkt på en gångväg");
        assertThat(published.get("status").asString()).isEqualTo("DONE");
        assertThat(published.toString()).doesNotContain("Storgatan", "Gnosjöhem", "lampor");
        assertThat(anonymous.get(base + "/findings").status()).as("the internal list needs a login").isEqualTo(401);
        assertThat(query.get(base + "/findings").body().get(0).get("what").asString())
                .isEqualTo("Mörk gång bakom Storgatan 5");
        JsonNode leadTime = anonymous.get(base + "/findings/lead-time").body();
        assertThat(leadTime.get("medianDays").asDouble()).isEqualTo(10.0);
        assertThat(leadTime.get("open").asInt()).isZero();
        assertThat(query.get(base + "/findings?knownAt=2000-01-01").body()).isEmpty();

        assertThat(command.post(base + "/closure", "{\"closedOn\": \"2025-09-01\"}").status()).isEqualTo(200);
        String next = promiseId + "-2026";
        Http.Response renewed = command.post(base + "/renewal", """
                {"promise": {"promiseId": "%s", "title": "Medborgarlöfte Testby 2026", "municipalities": ["Testby"],
                 "policeArea": "Lokalpolisområde Testby", "validFrom": "2026-01-01", "validTo": "2026-12-31",
                 "signedOn": "2025-09-10",
                 "signatories": [{"name": "Eva Ek", "role": "Kommunstyrelsens ordförande", "side": "MUNICIPALITY"}],
                 "statement": "Vi fortsätter.", "focusAreas": [{"code": "SAFETY", "title": "Trygghet"}]},
                 "commitments": [{"from": "walks"}]}""".formatted(next));
        assertThat(renewed.status()).as(renewed.raw()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> query.get("/api/promises/" + next).status() == 200
                && query.get("/api/promises/" + next).body().get("commitments").size() == 1
                && query.get("/api/promises/" + next).body().get("commitments").get(0).hasNonNull("carriedFrom"));
        JsonNode renewal = query.get("/api/promises/" + next).body();
        assertThat(renewal.get("renewedFrom").asString()).isEqualTo(promiseId);
        assertThat(renewal.get("commitments").get(0).get("carriedFrom").get("commitmentId").asString()).isEqualTo("walks");
        assertThat(query.get(base).body().get("renewedAs").get(0).asString()).isEqualTo(next);
        JsonNode comparison = anonymous.get("/api/promises/" + next + "/comparison?asOf=2026-06-30").body();
        assertThat(comparison.get("previousPromiseId").asString()).isEqualTo(promiseId);
        assertThat(comparison.get("previousAsOf").asString()).as("as far into the earlier period").isEqualTo("2025-06-30");
        JsonNode walksBeside = comparison.get("commitments").get(0);
        assertThat(walksBeside.get("previousCommitmentId").asString()).isEqualTo("walks");
        assertThat(walksBeside.get("current").get("done").asInt()).isZero();
        assertThat(walksBeside.get("previousAtEnd").get("done").asInt()).isEqualTo(
                commitment(query.get(base + "/progress?asOf=2025-12-31").body(), "walks").get("done").asInt());
        assertThat(walksBeside.get("previousAtSamePoint").get("done").asInt()).isEqualTo(
                commitment(query.get(base + "/progress?asOf=2025-06-30").body(), "walks").get("done").asInt());
        assertThat(anonymous.get(base + "/comparison").body().get("commitments")).as("not a renewal").isEmpty();
        assertThat(query.get("/api/promises/" + next + "/history").body().findValuesAsString("change"))
                .contains("PROMISE_SIGNED", "PROMISE_RENEWED", "COMMITMENT_ADDED", "COMMITMENT_CARRIED_OVER");
        assertThat(query.get(base + "/history").body().findValuesAsString("change"))
                .contains("FINDING_RECORDED", "MEASURE_PLANNED", "MEASURE_COMPLETED", "FINDING_PUBLISHED")
                .doesNotContain("PROMISE_RENEWED");
    }

    private static void addCommitment(Http command, String base, String id, String title, String owner, String focusArea,
                                      String kind, String target) {
        Http.Response response = command.post(base + "/commitments", """
                {"commitmentId": "%s", "title": "%s", "description": "", "owner": "%s", "focusArea": "%s",
                 "countedKinds": ["%s"], "target": %s}
                """.formatted(id, title, owner, focusArea, kind, target));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
    }

    private static String activity(String id, String kind, String occurredOn, String place, String performedBy,
                                    String commitmentId) {
        return """
                {"activityId": "%s", "kind": "%s", "occurredOn": "%s", "place": "%s", "performedBy": "%s",
                 "commitmentIds": ["%s"], "participants": ["Kommunpolis"], "outcomes": {"%s": 40},
                 "notes": "Test"}
                """.formatted(id, kind, occurredOn, place, performedBy, commitmentId,
                OutcomeMeasures.of(ActivityKind.valueOf(kind)).get(0).key());
    }

    /** The read models have seen the last commands: the assessment, and the corrected a2 moved out of June. */
    private static boolean isSettled(JsonNode progress) {
        for (JsonNode commitment : progress.get("commitments")) {
            if (commitment.get("commitmentId").asString().equals("lighting") && commitment.get("status").isString()) {
                return true;
            }
        }
        return false;
    }

    static JsonNode commitment(JsonNode progress, String commitmentId) {
        for (JsonNode commitment : progress.get("commitments")) {
            if (commitment.get("commitmentId").asString().equals(commitmentId)) {
                return commitment;
            }
        }
        throw new AssertionError("no commitment " + commitmentId + " in " + progress);
    }

    private static JsonNode month(JsonNode commitment, String month) {
        for (JsonNode m : commitment.get("months")) {
            if (m.get("month").asString().equals(month)) {
                return m;
            }
        }
        throw new AssertionError("no month " + month);
    }

    private static List<String> ids(JsonNode log) {
        List<String> ids = new ArrayList<>();
        log.forEach(a -> ids.add(a.get("activityId").asString()));
        return ids;
    }
}
