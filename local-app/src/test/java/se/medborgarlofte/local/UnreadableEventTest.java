package se.medborgarlofte.local;

import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input to the store itself. An event of a type this version does not know is logged, listed by the query side
 * as an event problem and skipped (no handler here could use it); an event whose payload does not deserialize is not
 * skipped but parked with its promise as a dead letter. Either way the events after them still flow.
 */
class UnreadableEventTest {

    static LocalApplication app;

    @BeforeAll
    static void start() {
        app = new LocalApplication(TestUsers.inMemory());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void unknownTypesAreListedAndSkippedUnreadablePayloadsParkedAndTheRestFlows() {
        Http command = new Http(app.commandPort(), "admin");
        Http query = new Http(app.queryPort(), "lasare");
        assertThat(command.post("/api/promises", """
                {"promiseId": "bad-input", "title": "Löfte", "municipalities": ["Testby"], "policeArea": "LPO Testby",
                 "validFrom": "2025-01-01", "validTo": "2025-12-31", "signedOn": "2024-12-01",
                 "signatories": [{"name": "Eva", "role": "KSO", "side": "MUNICIPALITY"}], "statement": "Vi lovar",
                 "focusAreas": [{"code": "TRAFFIC", "title": "Trafik"}]}
                """).status()).isEqualTo(201);
        assertThat(command.post("/api/promises/bad-input/commitments", """
                {"commitmentId": "c1", "title": "Kontroller", "owner": "POLICE", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "target": 10}
                """).status()).isEqualTo(201);

        MongoDatabase database = app.commandSide().getBean(MongoDatabaseFactory.class).getMongoDatabase();
        RawEvents.insert(database, "ghost", 0, "se.medborgarlofte.events.PromiseEvent$SomethingFromTheFuture", "{}");
        RawEvents.insert(database, "ghost", 1, ActivityRecorded.class.getName(), "{\"activityId\": [not json");

        assertThat(command.post("/api/promises/bad-input/activities", """
                {"activityId": "after", "kind": "TRAFFIC_CONTROL", "occurredOn": "2025-03-01", "place": "Storgatan",
                 "performedBy": "POLICE", "commitmentIds": ["c1"]}
                """).status()).isEqualTo(201);

        JsonNode log = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> query.get("/api/promises/bad-input/activities").body(), body -> body.size() == 1);
        assertThat(log.get(0).get("activityId").asString()).isEqualTo("after");

        JsonNode problems = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> query.get("/api/operations/event-problems").body(), body -> body.size() == 3);
        assertThat(problems.findValuesAsString("problem")).containsOnly("unknown event type");
        assertThat(problems.findValuesAsString("processingGroup")).containsExactlyInAnyOrder("promises", "activities",
                "findings");
        assertThat(problems.findValuesAsString("aggregateIdentifier")).containsOnly("ghost");

        JsonNode parked = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> query.as("admin").get("/api/operations/dead-letters").body(), body -> body.size() == 1);
        assertThat(parked.get(0).get("processingGroup").asString()).isEqualTo("activities");
        assertThat(parked.get(0).get("sequence").asString()).isEqualTo("ghost");
        assertThat(parked.get(0).get("events").get(0).get("eventIdentifier").asString()).isEqualTo("ghost-1");
        assertThat(parked.get(0).get("events").get(0).get("cause").get("message").asString())
                .startsWith("The stored event can't be read");
    }
}
