package se.medborgarlofte.local;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input to the store itself: events that can't be read (an unknown type, a payload that does not
 * deserialize) are logged, listed by the query side, and skipped; the events after them still flow.
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
    void unreadableEventsAreRecordedAndSkippedAndTheRestFlows() {
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
        insertRaw(database, "ghost", 0, "se.medborgarlofte.events.PromiseEvent$SomethingFromTheFuture", "{}");
        insertRaw(database, "ghost", 1, ActivityRecorded.class.getName(), "{\"activityId\": [not json");

        assertThat(command.post("/api/promises/bad-input/activities", """
                {"activityId": "after", "kind": "TRAFFIC_CONTROL", "occurredOn": "2025-03-01", "place": "Storgatan",
                 "performedBy": "POLICE", "commitmentIds": ["c1"]}
                """).status()).isEqualTo(201);

        JsonNode log = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> query.get("/api/promises/bad-input/activities").body(), body -> body.size() == 1);
        assertThat(log.get(0).get("activityId").asString()).isEqualTo("after");

        JsonNode problems = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> query.get("/api/operations/event-problems").body(), body -> body.size() == 4);
        assertThat(problems.findValuesAsString("problem")).contains("unknown event type");
        assertThat(problems.findValuesAsString("processingGroup")).containsExactlyInAnyOrder("promises", "activities",
                "findings", "activities");
        assertThat(problems.findValuesAsString("aggregateIdentifier")).containsOnly("ghost");
    }

    /** Appends a document the way the engine would, with a proper global sequence number. */
    private static void insertRaw(MongoDatabase database, String aggregate, long sequence, String payloadType,
                                  String payload) {
        Document counter = database.getCollection("eventCounters").findOneAndUpdate(eq("_id", "globalIndex"),
                Updates.inc("value", 1L), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        database.getCollection("events").insertOne(new Document("_id", aggregate + "/" + sequence)
                .append("globalIndex", counter.getLong("value"))
                .append("aggregateIdentifier", aggregate)
                .append("sequenceNumber", sequence)
                .append("type", "Promise")
                .append("eventIdentifier", aggregate + "-" + sequence)
                .append("timestamp", new Date())
                .append("payloadType", payloadType)
                .append("payloadRevision", null)
                .append("payload", payload)
                .append("metaData", "{}"));
    }
}
