package se.medborgarlofte.local;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event parks its own promise, never the others. In the running apps: a {@code PromiseSigned} whose stored
 * document can't be read (written straight into the store), and a handler in the activities read model that throws
 * for one promise ({@link FaultyReadModel}). The other promises' events reach the read models within a second; the
 * parked ones are listed through the operations API, a retry before the fault is mended leaves them parked and says
 * why, and once the handler is fixed and the document repaired by hand (as {@code mongosh} writes it), a retry puts
 * them in place: each exactly once, in order. Only ADMIN may see or touch them; bad input is a problem detail.
 */
class DeadLetterTest {

    static LocalApplication app;
    static Http command;
    static Http operations;
    static MongoDatabase database;

    @BeforeAll
    static void start() {
        TestClock.install();
        LocalApplication.Settings base = TestUsers.inMemory();
        Map<String, Object> properties = new HashMap<>(base.extraProperties());
        properties.put("spring.main.sources", properties.get("spring.main.sources") + ","
                                              + FaultyReadModel.class.getName());
        app = new LocalApplication(new LocalApplication.Settings(null, null, 0, 0, 0, false, properties));
        command = new Http(app.commandPort(), "admin");
        operations = new Http(app.queryPort(), "admin");
        database = app.commandSide().getBean(MongoDatabaseFactory.class).getMongoDatabase();
    }

    @AfterAll
    static void stop() {
        FaultyReadModel.failsFor = null;
        app.close();
        TestClock.release();
    }

    static PromiseTerms terms(String title) {
        return new PromiseTerms(title, List.of("Testby"), "LPO Testby", LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31), LocalDate.of(2024, 12, 1),
                List.of(new Signatory("Eva", "KSO", Party.MUNICIPALITY)), "Vi lovar", List.of(), "",
                List.of(new FocusArea("TRAFFIC", "Trafik")));
    }

    static void sign(String promiseId) {
        assertThat(command.post("/api/promises", """
                {"promiseId": "%s", "title": "Löfte %s", "municipalities": ["Testby"], "policeArea": "LPO Testby",
                 "validFrom": "2025-01-01", "validTo": "2025-12-31", "signedOn": "2024-12-01",
                 "signatories": [{"name": "Eva", "role": "KSO", "side": "MUNICIPALITY"}], "statement": "Vi lovar",
                 "focusAreas": [{"code": "TRAFFIC", "title": "Trafik"}]}
                """.formatted(promiseId, promiseId)).status()).isEqualTo(201);
        assertThat(command.post("/api/promises/" + promiseId + "/commitments", """
                {"commitmentId": "c1", "title": "Kontroller", "owner": "POLICE", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "target": 10}
                """).status()).isEqualTo(201);
    }

    static void record(String promiseId, String activityId) {
        assertThat(command.post("/api/promises/" + promiseId + "/activities", """
                {"activityId": "%s", "kind": "TRAFFIC_CONTROL", "occurredOn": "2025-03-01", "place": "Storgatan",
                 "performedBy": "POLICE", "commitmentIds": ["c1"]}
                """.formatted(activityId)).status()).isEqualTo(201);
    }

    static List<String> activityLog(String promiseId) {
        return operations.get("/api/promises/" + promiseId + "/activities").body().findValuesAsString("activityId");
    }

    static List<String> promiseList() {
        return operations.get("/api/promises").body().findValuesAsString("promiseId");
    }

    /** The parked events of every read model, as "group/sequence" to their event identifiers. */
    static Map<String, JsonNode> parked() {
        Http.Response answer = operations.get("/api/operations/dead-letters");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        Map<String, JsonNode> parked = new HashMap<>();
        answer.body().forEach(sequence -> parked.put(sequence.get("processingGroup").asString() + "/"
                                                     + sequence.get("sequence").asString(), sequence));
        return parked;
    }

    static void awaitWithinASecond(String what, java.util.concurrent.Callable<Boolean> seen) {
        await(what).atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(seen);
    }

    @Test
    void aPoisonEventParksOnlyItsPromiseAndARetryAfterTheRepairPutsItInPlaceOnce() {
        sign("kinkig");
        sign("frisk");
        RawEvents.insert(database, "trasig", 0, PromiseSigned.class.getName(),
                "{\"promiseId\": {\"value\": \"trasig\"}, \"terms\": [damaged");
        RawEvents.insert(database, "trasig", 1, CommitmentAdded.class.getName(), RawEvents.json(new CommitmentAdded(
                new PromiseId("trasig"), new CommitmentId("c1"), new CommitmentTerms("Kontroller", "", Party.POLICE,
                "TRAFFIC", Set.of(ActivityKind.TRAFFIC_CONTROL), 10))));
        FaultyReadModel.failsFor = "kinkig";
        record("kinkig", "k1");
        record("kinkig", "k2");

        sign("efter");
        awaitWithinASecond("a promise signed after the unreadable one is listed", () -> promiseList().contains("efter"));
        record("frisk", "f1");
        awaitWithinASecond("another promise's activity is in the log", () -> activityLog("frisk").contains("f1"));

        Map<String, JsonNode> parked = await("both parked").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(DeadLetterTest::parked,
                        p -> p.containsKey("promises/trasig") && p.containsKey("activities/kinkig")
                             && p.get("activities/kinkig").get("events").size() == 2);
        assertThat(parked).containsOnlyKeys("promises/trasig", "activities/kinkig");
        JsonNode trasig = parked.get("promises/trasig").get("events");
        assertThat(trasig.findValuesAsString("eventIdentifier")).containsExactly("trasig-0", "trasig-1");
        assertThat(trasig.get(0).get("payloadType").asString()).isEqualTo(PromiseSigned.class.getName());
        assertThat(trasig.get(0).get("cause").get("message").asString()).startsWith("The stored event can't be read");
        assertThat(trasig.get(1).path("cause").isObject()).as("parked behind the first").isFalse();
        JsonNode kinkig = parked.get("activities/kinkig").get("events");
        assertThat(kinkig.get(0).get("cause").get("message").asString())
                .isEqualTo("The tally can't count the activities of kinkig");
        assertThat(kinkig.findValues("sequenceNumber")).extracting(JsonNode::asLong).containsExactly(2L, 3L);
        assertThat(parked.get("activities/kinkig").get("summary").asString()).startsWith("2 händelser parkerade");
        assertThat(activityLog("kinkig")).isEmpty();
        assertThat(operations.get("/api/promises/trasig").status()).isEqualTo(404);
        PrometheusScrape metrics = OperationsEndpointsTest.scrape(app.queryPort());
        assertThat(metrics.value("medborgarlofte_dead_letters", "processing_group", "activities")).isEqualTo(2);
        assertThat(metrics.value("medborgarlofte_dead_letters", "processing_group", "promises")).isEqualTo(2);
        assertThat(metrics.value("medborgarlofte_dead_letter_promises", "processing_group", "promises")).isEqualTo(1);
        assertThat(metrics.value("medborgarlofte_dead_letters", "processing_group", "findings")).isZero();

        Http.Response tooEarly = operations.post("/api/operations/dead-letters/kinkig/retry", "");
        assertThat(tooEarly.status()).as(tooEarly.raw()).isEqualTo(200);
        assertThat(tooEarly.body().get(0).get("applied").asInt()).isZero();
        assertThat(tooEarly.body().get(0).get("remaining").asInt()).isEqualTo(2);
        assertThat(tooEarly.body().get(0).get("cause").get("message").asString()).contains("tally");
        assertThat(activityLog("kinkig")).isEmpty();

        FaultyReadModel.failsFor = null;
        database.getCollection("events").updateOne(eq("_id", "trasig/0"), new Document("$set",
                new Document("payload", RawEvents.json(new PromiseSigned(new PromiseId("trasig"), terms("Löfte trasig"))))
                        .append("sequenceNumber", 0)));

        Http.Response retried = operations.post("/api/operations/dead-letters/kinkig/retry", "");
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().get(0).get("processingGroup").asString()).isEqualTo("activities");
        assertThat(retried.body().get(0).get("applied").asInt()).isEqualTo(2);
        assertThat(retried.body().get(0).get("remaining").asInt()).isZero();
        Http.Response repaired = operations.post("/api/operations/dead-letters/trasig/retry?processingGroup=promises", "");
        assertThat(repaired.status()).as(repaired.raw()).isEqualTo(200);
        assertThat(repaired.body().get(0).get("applied").asInt()).isEqualTo(2);

        assertThat(activityLog("kinkig")).containsExactlyInAnyOrder("k1", "k2");
        JsonNode promise = operations.get("/api/promises/trasig").body();
        assertThat(promise.get("title").asString()).isEqualTo("Löfte trasig");
        assertThat(promise.get("commitments")).hasSize(1);
        assertThat(promiseList().stream().filter("trasig"::equals)).hasSize(1);
        assertThat(parked()).isEmpty();
        assertThat(OperationsEndpointsTest.scrape(app.queryPort()).value("medborgarlofte_dead_letters",
                "processing_group", "activities")).isZero();
        assertThat(operations.post("/api/operations/dead-letters/kinkig/retry", "").status()).isEqualTo(404);

        record("kinkig", "k3");
        awaitWithinASecond("the mended promise's next activity is in the log", () -> activityLog("kinkig").size() == 3);
        assertThat(activityLog("kinkig")).containsExactlyInAnyOrder("k1", "k2", "k3");
    }

    @Test
    void anEvictedEventIsNeverAppliedAndTheRestOfItsPromiseIsOnRetry() {
        sign("bortse");
        FaultyReadModel.failsFor = "bortse";
        record("bortse", "b1");
        record("bortse", "b2");
        JsonNode events = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> parked().get("activities/bortse"), p -> p != null && p.get("events").size() == 2)
                .get("events");
        FaultyReadModel.failsFor = null;

        String first = events.get(0).get("eventIdentifier").asString();
        Http.Response evicted = operations.send("DELETE", "/api/operations/dead-letters/bortse?eventIdentifier=" + first,
                null);
        assertThat(evicted.status()).as(evicted.raw()).isEqualTo(200);
        assertThat(evicted.body().get("evicted").asInt()).isEqualTo(1);
        assertThat(parked().get("activities/bortse").get("events").findValuesAsString("eventIdentifier"))
                .containsExactly(events.get(1).get("eventIdentifier").asString());
        assertThat(operations.post("/api/operations/dead-letters/bortse/retry", "").status()).isEqualTo(200);

        assertThat(activityLog("bortse")).containsExactly("b2");
        assertThat(parked()).doesNotContainKey("activities/bortse");
    }

    @Test
    void onlyAnAdminMayTouchDeadLettersAndBadInputIsAProblemDetail() {
        Http.Response unknownGroup = operations.get("/api/operations/dead-letters?processingGroup=okand");
        assertThat(unknownGroup.status()).isEqualTo(400);
        assertThat(unknownGroup.contentType()).startsWith("application/problem+json");
        assertThat(unknownGroup.body().get("errors").get(0).get("field").asString()).isEqualTo("processingGroup");
        assertThat(unknownGroup.body().get("detail").asString()).contains("okand", "activities");

        for (Http.Response nothing : List.of(operations.post("/api/operations/dead-letters/finns-inte/retry", ""),
                operations.send("DELETE", "/api/operations/dead-letters/finns-inte", null),
                operations.get("/api/operations/dead-letters/finns-inte"))) {
            assertThat(nothing.status()).as(nothing.raw()).isEqualTo(404);
            assertThat(nothing.contentType()).startsWith("application/problem+json");
            assertThat(nothing.body().get("detail").asString()).isEqualTo("Inga parkerade händelser för finns-inte.");
        }

        List<Integer> refused = new ArrayList<>();
        for (String user : List.of("lasare", "polis")) {
            Http other = operations.as(user);
            refused.add(other.get("/api/operations/dead-letters").status());
            refused.add(other.post("/api/operations/dead-letters/kinkig/retry", "").status());
            refused.add(other.send("DELETE", "/api/operations/dead-letters/kinkig", null).status());
        }
        assertThat(refused).containsOnly(403);
        assertThat(new Http(app.queryPort()).get("/api/operations/dead-letters").status()).isEqualTo(401);
    }
}
