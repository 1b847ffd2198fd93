package se.medborgarlofte.local;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import se.medborgarlofte.events.EventMetadataKeys;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.medborgarlofte.local.AuditAndTimeTravelTest.field;
import static se.medborgarlofte.local.AuditAndTimeTravelTest.list;

/**
 * An event stored in an older shape stays part of the promise once an upcaster for it is registered the way a
 * developer registers one: an Axon {@link EventUpcaster} Spring bean ({@link OldActivityShapes}), which Axon's Spring
 * Boot support puts in the upcaster chain that the event store reads through, on the command side and on the query
 * side. The old shape is {@code ActivityLogged}, as activities were once stored: the details at the top level, the
 * date in {@code date} and the place in {@code location}; it is written into the {@code events} collection as the
 * promise's next event, with a global sequence number from the counter, as the engine writes. Through real HTTP:
 * the promise's history shows it as an {@code ActivityRecorded} with the upcasted values, the activity log, the
 * public log and the progress count it once, and the promise loads through it (the old activity can be corrected,
 * another one recorded). Without the bean the same document is not understood: listed as an unknown event type,
 * missing from the read models and the history, and the command side refuses every command on the promise (503,
 * {@code unreadable-history}) rather than decide without it.
 */
class UpcasterChainTest {

    /** The old type name, as it was stored before the rename. */
    static final String OLD_TYPE = "se.medborgarlofte.events.PromiseEvent$ActivityLogged";
    static final String PROMISE = "upp";
    static final String LEGACY = "gammal-1";

    /** Added to both apps' sources: the upcaster as a Spring bean, nothing else. */
    @Configuration(proxyBeanMethods = false)
    static class OldActivityShapes {
        @Bean
        EventUpcaster activityLoggedUpcaster() {
            return new ActivityLoggedToActivityRecorded();
        }
    }

    /** {@code ActivityLogged} (details flat, {@code date}, {@code location}) to today's {@link ActivityRecorded}. */
    static final class ActivityLoggedToActivityRecorded extends SingleEventUpcaster {

        static final List<String> DETAILS = List.of("kind", "performedBy", "commitmentIds", "participants", "outcomes",
                "notes");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(OLD_TYPE);
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(ActivityRecorded.class.getName(), null),
                    JsonNode.class, json -> {
                        ObjectNode event = (ObjectNode) json;
                        ObjectNode details = JsonNodeFactory.instance.objectNode();
                        for (String field : DETAILS) {
                            if (event.has(field)) {
                                details.set(field, event.remove(field));
                            }
                        }
                        details.set("occurredOn", event.remove("date"));
                        details.set("place", event.remove("location"));
                        event.set("details", details);
                        return event;
                    });
        }
    }

    LocalApplication app;
    Http admin;
    Http reader;
    Http anonymous;

    @BeforeEach
    void clock() {
        TestClock.install();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        TestClock.release();
    }

    /** The local run with the test users and clock, and with the upcaster bean or without it. */
    void start(boolean withUpcaster) {
        LocalApplication.Settings settings = TestUsers.inMemory();
        Map<String, Object> properties = new HashMap<>(settings.extraProperties());
        if (withUpcaster) {
            properties.merge("spring.main.sources", OldActivityShapes.class.getName(), (a, b) -> a + "," + b);
        }
        app = new LocalApplication(new LocalApplication.Settings(settings.mongoUri(), settings.dataDirectory(),
                settings.mongoPort(), settings.commandPort(), settings.queryPort(), settings.webPort(),
                settings.demoData(), properties));
        // both sources apply: the test clock's and, if asked, the upcaster's
        assertThat(app.commandSide().getBeansOfType(TestClock.Config.class)).hasSize(1);
        assertThat(app.querySide().getBeansOfType(TestClock.Config.class)).hasSize(1);
        admin = new Http(app.commandPort(), "admin");
        reader = new Http(app.queryPort(), "lasare");
        anonymous = new Http(app.queryPort());
    }

    static void created(Http.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
    }

    /** A promise with one commitment and one activity recorded today through the API; returns its stored event. */
    Document promiseWithOneActivity() {
        created(admin.post("/api/promises", AuthorizationMatrix.promise(PROMISE)));
        created(admin.post("/api/promises/" + PROMISE + "/commitments", AuthorizationMatrix.commitment("c", "POLICE")));
        created(admin.post("/api/promises/" + PROMISE + "/activities", AuthorizationMatrix.activity("a1", "POLICE", "c")));
        Document recorded = events().find(eq("_id", PROMISE + "/2")).first();
        assertThat(recorded).isNotNull();
        assertThat(recorded.getString("payloadType")).isEqualTo(ActivityRecorded.class.getName());
        return recorded;
    }

    MongoCollection<Document> events() {
        return database().getCollection("events");
    }

    MongoDatabase database() {
        return app.commandSide().getBean(MongoDatabaseFactory.class).getMongoDatabase();
    }

    /**
     * The recorded activity's document as an older version stored it, as the promise's next event (sequence 3): type
     * {@code ActivityLogged}, the details flat with {@code date} and {@code location}, a fresh activity and event id,
     * and the next global sequence number from the counter, as the engine takes it.
     */
    void storeOldShape(Document recorded) {
        ObjectNode current = (ObjectNode) Http.tree(recorded.getString("payload"));
        ObjectNode old = JsonNodeFactory.instance.objectNode();
        old.set("promiseId", current.get("promiseId"));
        old.set("activityId", JsonNodeFactory.instance.objectNode().put("value", LEGACY));
        for (String field : ActivityLoggedToActivityRecorded.DETAILS) {
            old.set(field, current.get("details").get(field));
        }
        old.put("date", "2025-04-02");
        old.put("location", "Gamla torget");
        // who recorded it stays; it came with another request
        ObjectNode metaData = (ObjectNode) Http.tree(recorded.getString("metaData"));
        assertThat(metaData.has(EventMetadataKeys.CORRELATION_ID)).as(metaData.toString()).isTrue();
        metaData.put(EventMetadataKeys.CORRELATION_ID, "gammal-import");
        Instant now = TestClock.now();
        Document document = new Document(recorded)
                .append("_id", PROMISE + "/3")
                .append("globalIndex", RawEvents.nextGlobalIndex(database()))
                .append("sequenceNumber", 3L)
                .append("eventIdentifier", UUID.randomUUID().toString())
                .append("timestamp", Date.from(now))
                .append("timestampNanos", now.getNano())
                .append("payloadType", OLD_TYPE)
                .append("payloadRevision", null)
                .append("payload", old.toString())
                .append("metaData", metaData.toString());
        events().insertOne(document);
    }

    JsonNode awaitBody(Http http, String path, Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get(path).body(), body -> body != null && ready.test(body));
    }

    static List<String> ids(JsonNode activities) {
        List<String> ids = new ArrayList<>();
        activities.forEach(activity -> ids.add(activity.get("activityId").asString()));
        return ids;
    }

    static JsonNode byId(JsonNode activities, String id) {
        for (JsonNode activity : activities) {
            if (activity.get("activityId").asString().equals(id)) {
                return activity;
            }
        }
        throw new AssertionError("no activity " + id + " in " + activities);
    }

    static int done(JsonNode progress) {
        return EndToEndScenario.commitment(progress, "c").get("done").asInt();
    }


    @Test
    void anOldShapeInTheHistoryIsReadThroughTheUpcasterBeanByTheHistoryTheReadModelsAndThePromise() {
        start(true);
        assertThat(app.commandSide().getBeansOfType(EventUpcaster.class)).containsKey("activityLoggedUpcaster");
        assertThat(app.querySide().getBeansOfType(EventUpcaster.class)).containsKey("activityLoggedUpcaster");
        storeOldShape(promiseWithOneActivity());

        // the audit history: the old event as today's ActivityRecorded, with the upcasted values
        List<JsonNode> history = list(awaitBody(reader, "/api/promises/" + PROMISE + "/history", body -> body.size() == 4));
        assertThat(history).extracting(entry -> entry.get("change").asString())
                .containsExactly("PROMISE_SIGNED", "COMMITMENT_ADDED", "ACTIVITY_RECORDED", "ACTIVITY_RECORDED");
        JsonNode legacy = history.get(3);
        assertThat(legacy.get("subjectId").asString()).isEqualTo(LEGACY);
        assertThat(legacy.get("sequenceNumber").asLong()).isEqualTo(3);
        assertThat(field(legacy, "occurredOn").get("after").asString()).isEqualTo("2025-04-02");
        assertThat(field(legacy, "place").get("after").asString()).isEqualTo("Gamla torget");
        assertThat(field(legacy, "kind").get("after").asString()).isEqualTo("SAFETY_WALK");
        assertThat(legacy.get("commitmentIds")).extracting(JsonNode::asString).containsExactly("c");
        assertThat(legacy.get("who").get("userId").asString()).isEqualTo("admin");
        assertThat(legacy.get("correlationId").asString()).isEqualTo("gammal-import");

        // the read models: in the activity log, the public log and the progress, once
        JsonNode activities = awaitBody(reader, "/api/promises/" + PROMISE + "/activities", body -> body.size() == 2);
        assertThat(ids(activities)).containsExactlyInAnyOrder("a1", LEGACY);
        JsonNode old = byId(activities, LEGACY);
        assertThat(old.get("occurredOn").asString()).isEqualTo("2025-04-02");
        assertThat(old.get("place").asString()).isEqualTo("Gamla torget");
        assertThat(old.get("kind").asString()).isEqualTo("SAFETY_WALK");
        assertThat(old.get("participants")).extracting(JsonNode::asString).containsExactly("Anna Andersson");
        assertThat(old.get("example").asBoolean()).isFalse();
        assertThat(ids(anonymous.get("/api/promises/" + PROMISE + "/activities").body()))
                .containsExactlyInAnyOrder("a1", LEGACY);
        assertThat(done(awaitBody(anonymous, "/api/promises/" + PROMISE + "/progress", body -> body.has("commitments"))))
                .isEqualTo(2);

        // the promise loads through it: the old activity is known to it and can be corrected, and more recorded
        Http.Response corrected = admin.post("/api/promises/" + PROMISE + "/activities/" + LEGACY + "/correction",
                "{\"place\": \"Nya torget\", \"reason\": \"Platsen hette så då\"}");
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(200);
        created(admin.post("/api/promises/" + PROMISE + "/activities", AuthorizationMatrix.activity("a2", "POLICE", "c")));
        assertThat(events().find(eq("_id", PROMISE + "/4")).first().getString("payloadType"))
                .isEqualTo(ActivityCorrected.class.getName());
        assertThat(events().find(eq("_id", PROMISE + "/5")).first().getString("payloadType"))
                .isEqualTo(ActivityRecorded.class.getName());

        history = list(awaitBody(reader, "/api/promises/" + PROMISE + "/history", body -> body.size() == 6));
        JsonNode correction = history.get(4);
        assertThat(correction.get("change").asString()).isEqualTo("ACTIVITY_CORRECTED");
        assertThat(correction.get("subjectId").asString()).isEqualTo(LEGACY);
        assertThat(correction.get("changes")).hasSize(1);
        assertThat(field(correction, "place").get("before").asString()).isEqualTo("Gamla torget");
        assertThat(field(correction, "place").get("after").asString()).isEqualTo("Nya torget");
        activities = awaitBody(reader, "/api/promises/" + PROMISE + "/activities",
                body -> body.size() == 3 && byId(body, LEGACY).get("corrections").asInt() == 1);
        assertThat(ids(activities)).containsExactlyInAnyOrder("a1", LEGACY, "a2");
        assertThat(byId(activities, LEGACY).get("place").asString()).isEqualTo("Nya torget");
        assertThat(done(awaitBody(anonymous, "/api/promises/" + PROMISE + "/progress", body -> done(body) == 3)))
                .isEqualTo(3);

        assertThat(reader.get("/api/operations/event-problems").body()).as("nothing skipped").isEmpty();
        assertThat(reader.as("admin").get("/api/operations/dead-letters").body())
                .as("nothing parked").isEmpty();
    }

    @Test
    void withoutTheUpcasterBeanTheOldShapeIsNotUnderstoodAndThePromiseTakesNoCommand() {
        start(false);
        assertThat(app.commandSide().getBeansOfType(EventUpcaster.class)).isEmpty();
        assertThat(app.querySide().getBeansOfType(EventUpcaster.class)).isEmpty();
        storeOldShape(promiseWithOneActivity());

        // the read models went past it and say so
        JsonNode problems = awaitBody(reader, "/api/operations/event-problems", body -> body.size() == 3);
        assertThat(problems.findValuesAsString("problem")).containsOnly("unknown event type");
        assertThat(problems.findValuesAsString("payloadType")).containsOnly(OLD_TYPE);
        assertThat(problems.findValuesAsString("aggregateIdentifier")).containsOnly(PROMISE);
        assertThat(ids(reader.get("/api/promises/" + PROMISE + "/activities").body())).containsExactly("a1");
        assertThat(done(awaitBody(anonymous, "/api/promises/" + PROMISE + "/progress", body -> body.has("commitments"))))
                .isEqualTo(1);
        List<JsonNode> history = list(reader.get("/api/promises/" + PROMISE + "/history").body());
        assertThat(history).extracting(entry -> entry.get("change").asString())
                .containsExactly("PROMISE_SIGNED", "COMMITMENT_ADDED", "ACTIVITY_RECORDED");

        // the promise decides nothing without it: a new activity (which might repeat the unknown one's id) and a
        // correction of the activity it can't see are refused alike, with a problem naming why, and nothing is stored
        Http.Response recorded = admin.post("/api/promises/" + PROMISE + "/activities",
                AuthorizationMatrix.activity(LEGACY, "POLICE", "c"));
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(503);
        assertThat(recorded.raw()).contains("unreadable-history").contains("inte kan läsa").contains("Inget har sparats");
        Http.Response corrected = admin.post("/api/promises/" + PROMISE + "/activities/" + LEGACY + "/correction",
                "{\"place\": \"Nya torget\", \"reason\": \"Platsen hette så då\"}");
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(503);
        assertThat(corrected.raw()).contains("unreadable-history");
        assertThat(events().countDocuments(eq("aggregateIdentifier", PROMISE))).as("a1's three events and the old one")
                .isEqualTo(4);
    }
}
