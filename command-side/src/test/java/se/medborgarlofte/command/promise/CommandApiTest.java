package se.medborgarlofte.command.promise;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.security.LocalUsers;
import se.medborgarlofte.security.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=command-side", "medborgarlofte.snapshot-threshold=5"})
class CommandApiTest {

    static final EmbeddedMongoServer MONGO = EmbeddedMongoServer.inMemory();

    static final java.nio.file.Path USERS = users();

    static java.nio.file.Path users() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempDirectory("users").resolve("users.json");
            LocalUsers.provision(file, java.util.List.of(
                    new LocalUsers.NewUser("admin", "Admin", Role.ADMIN, null, "admin-password"),
                    new LocalUsers.NewUser("lasare", "Läsare", Role.VIEWER, null, "viewer-password")));
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri("command-api-test"));
        registry.add("medborgarlofte.security.mode", () -> "basic");
        registry.add("medborgarlofte.security.users-file", USERS::toString);
    }

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("admin:admin-password".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String PROMISE = """
            {"promiseId": "test-2025", "title": "Medborgarlöfte Testby 2025", "municipalities": ["Testby"],
             "policeArea": "Lokalpolisområde Testby", "validFrom": "2025-01-01", "validTo": "2025-12-31",
             "signedOn": "2024-12-15",
             "signatories": [{"name": "Eva Ek", "role": "Kommunstyrelsens ordförande", "side": "MUNICIPALITY"}],
             "statement": "Vi lovar att arbeta för ökad trygghet.",
             "focusAreas": [{"code": "TRAFFIC", "title": "Trafik"}]}
            """;

    @Test
    void signsAPromiseAndRecordsAnActivityOnceEvenWhenRetried() throws Exception {
        assertThat(post("/api/promises", PROMISE).statusCode()).isEqualTo(201);
        HttpResponse<String> commitment = post("/api/promises/test-2025/commitments", """
                {"commitmentId": "traffic", "title": "Trafikkontroller", "owner": "POLICE", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "target": 20}
                """);
        assertThat(commitment.statusCode()).as(commitment.body()).isEqualTo(201);
        String activity = """
                {"activityId": "a1", "kind": "TRAFFIC_CONTROL", "occurredOn": "2025-03-01", "place": "Storgatan",
                 "performedBy": "POLICE", "commitmentIds": ["traffic"], "outcomes": {"vehiclesChecked": 40}}
                """;
        HttpResponse<String> first = post("/api/promises/test-2025/activities", activity);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(post("/api/promises/test-2025/activities", activity).statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = post("/api/promises/nope/activities", activity);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        HttpResponse<String> badKind = post("/api/promises/test-2025/activities", activity.replace("TRAFFIC_CONTROL", "PICNIC"));
        assertThat(badKind.statusCode()).as(badKind.body()).isEqualTo(400);
        assertThat(badKind.body()).contains("kind");
        assertThat(eventStore.lastSequenceNumberFor("test-2025")).contains(2L);
    }

    @Autowired
    org.springframework.data.mongodb.MongoDatabaseFactory mongo;

    @Autowired
    org.axonframework.common.caching.Cache promiseCache;

    /** Every document the driver hands back from the events and snapshots collections: "events:aggregateId/sequence". */
    static final List<String> DOCUMENTS_READ = new CopyOnWriteArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class CountEventsRead {
        @Bean
        MongoClientSettingsBuilderCustomizer countEventsRead() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandSucceeded(CommandSucceededEvent event) {
                    BsonDocument cursor = event.getResponse().getDocument("cursor", null);
                    if (cursor == null) {
                        return;
                    }
                    String namespace = cursor.getString("ns", new org.bson.BsonString("")).getValue();
                    String collection = namespace.substring(namespace.indexOf('.') + 1);
                    if (!collection.equals("events") && !collection.equals("snapshots")) {
                        return;
                    }
                    for (String batch : List.of("firstBatch", "nextBatch")) {
                        for (BsonValue value : cursor.getArray(batch, new org.bson.BsonArray())) {
                            BsonDocument document = value.asDocument();
                            DOCUMENTS_READ.add(collection + ":" + document.getString("aggregateIdentifier").getValue()
                                               + "/" + document.getNumber("sequenceNumber").longValue());
                        }
                    }
                }
            });
        }
    }

    /** The documents of one aggregate read from a collection while the action ran, by sequence number. */
    static List<Long> readOf(String collection, String aggregate) {
        String prefix = collection + ":" + aggregate + "/";
        return DOCUMENTS_READ.stream().filter(id -> id.startsWith(prefix))
                .map(id -> Long.parseLong(id.substring(prefix.length()))).sorted().toList();
    }

    static void whileCounting(ThrowingRunnable action) throws Exception {
        DOCUMENTS_READ.clear();
        action.run();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aPromiseWithALongHistoryIsSnapshottedAndStillLoadsRight() throws Exception {
        assertThat(post("/api/promises", PROMISE.replace("test-2025", "long-2025")).statusCode()).isEqualTo(201);
        assertThat(post("/api/promises/long-2025/commitments", """
                {"commitmentId": "traffic", "title": "Trafikkontroller", "owner": "POLICE", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "target": 20}
                """).statusCode()).isEqualTo(201);
        String activity = """
                {"activityId": "a%d", "kind": "TRAFFIC_CONTROL", "occurredOn": "2025-03-%02d", "place": "Storgatan",
                 "performedBy": "POLICE", "commitmentIds": ["traffic"]}
                """;
        for (int i = 1; i <= 12; i++) {
            assertThat(post("/api/promises/long-2025/activities", activity.formatted(i, i)).statusCode()).isEqualTo(201);
        }
        var snapshots = mongo.getMongoDatabase().getCollection("snapshots");
        var ofThisPromise = new org.bson.Document("_id", "long-2025");
        assertThat(snapshots.find(ofThisPromise).first()).as("a snapshot while the promise stays in memory").isNull();
        // as after a restart: the promise is loaded from its 14 events (more than the threshold of 5) and snapshotted
        promiseCache.removeAll();
        assertThat(post("/api/promises/long-2025/activities", activity.formatted(1, 1)).statusCode()).isEqualTo(200);
        org.bson.Document snapshot = snapshots.find(ofThisPromise).first();
        assertThat(snapshot).as("a snapshot was stored").isNotNull();
        assertThat(snapshot.getLong("sequenceNumber")).isEqualTo(13L);
        // loaded from the snapshot (as after a restart: nothing in memory): only the events after it are read, and
        // the rules still see the whole history (the retry of an early activity is recognised, a reused id refused)
        for (String retry : List.of(activity.formatted(2, 2), activity.formatted(2, 3))) {
            promiseCache.removeAll();
            long storedAt = mongo.getMongoDatabase().getCollection("snapshots")
                    .find(new org.bson.Document("_id", "long-2025")).first().getLong("sequenceNumber");
            whileCounting(() -> assertThat(post("/api/promises/long-2025/activities", retry).statusCode())
                    .isEqualTo(retry.contains("03-02") ? 200 : 409));
            assertThat(readOf("snapshots", "long-2025")).as("the snapshot was read").containsExactly(storedAt);
            assertThat(readOf("events", "long-2025")).as("events read to load the promise: none the snapshot holds")
                    .allSatisfy(sequence -> assertThat(sequence).isGreaterThan(storedAt));
        }
        // kept in memory since the last command that succeeded: neither the snapshot nor a stored event is read again
        assertThat(post("/api/promises/long-2025/activities", activity.formatted(2, 2)).statusCode()).isEqualTo(200);
        whileCounting(() -> assertThat(post("/api/promises/long-2025/activities", activity.formatted(2, 2))
                .statusCode()).isEqualTo(200));
        assertThat(readOf("snapshots", "long-2025")).as("snapshot read for a promise in memory").isEmpty();
        assertThat(readOf("events", "long-2025")).as("events read for a promise in memory").isEmpty();
        assertThat(post("/api/promises/long-2025/activities", activity.formatted(13, 13)).statusCode()).isEqualTo(201);
    }

    /**
     * Events as the version of November 2026 stored them (Jackson 2, before any upcaster; written by
     * {@code stored/WriteFixture.java.txt}): each is read back as what it said, and the promise they make up
     * loads and takes new commands.
     */
    @Test
    void eventsStoredByEarlierVersionsStayReadable() throws Exception {
        var events = mongo.getMongoDatabase().getCollection("events");
        var counters = mongo.getMongoDatabase().getCollection("eventCounters");
        String stored = new String(getClass().getResourceAsStream("/stored/events-2026-11.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        List<org.bson.Document> documents = org.bson.BsonArray.parse(stored).stream()
                .map(value -> org.bson.Document.parse(value.asDocument().toJson())).toList();
        // the same stream a second time under another promise id, without its closure, to take a new command
        List<org.bson.Document> open = documents.subList(0, documents.size() - 1).stream()
                .map(d -> org.bson.Document.parse(d.toJson().replace("format-2026", "format-open"))).toList();
        long last = counters.findOneAndUpdate(new org.bson.Document("_id", "globalIndex"),
                new org.bson.Document("$inc", new org.bson.Document("value", (long) (documents.size() + open.size()))),
                new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true)
                        .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER)).getLong("value");
        long next = last - documents.size() - open.size();
        for (org.bson.Document document : java.util.stream.Stream.concat(documents.stream(), open.stream()).toList()) {
            events.insertOne(document.append("globalIndex", ++next));
        }

        List<Object> payloads = eventStore.readEvents("format-2026").asStream()
                .map(org.axonframework.messaging.Message::getPayload).map(Object.class::cast).toList();
        assertThat(payloads).hasSize(14);
        assertThat(payloads.get(0)).isInstanceOfSatisfying(se.medborgarlofte.events.PromiseEvent.PromiseSigned.class,
                signed -> {
                    assertThat(signed.terms().title()).isEqualTo("Medborgarlöfte Formatby 2026");
                    assertThat(signed.terms().validFrom()).isEqualTo(java.time.LocalDate.of(2026, 1, 1));
                    assertThat(signed.terms().signatories()).hasSize(2);
                });
        assertThat(payloads.get(4)).isInstanceOfSatisfying(se.medborgarlofte.events.PromiseEvent.ActivityRecorded.class,
                recorded -> assertThat(recorded.details().outcomes())
                        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("checkedDrivers", 40, "drunkDriving", 1)));
        assertThat(payloads.get(1)).isInstanceOfSatisfying(se.medborgarlofte.events.PromiseEvent.CommitmentAdded.class,
                added -> {
                    assertThat(added.terms().shape()).as("stored before shapes: a count")
                            .isEqualTo(se.medborgarlofte.events.CommitmentShape.COUNT);
                    assertThat(added.terms().municipalities()).isEmpty();
                    assertThat(added.terms().targetSource()).as("not recorded then").isNull();
                    assertThat(added.terms().target()).isEqualTo(12);
                });
        assertThat(payloads.get(4)).isInstanceOfSatisfying(se.medborgarlofte.events.PromiseEvent.ActivityRecorded.class,
                recorded -> {
                    assertThat(recorded.details().municipality()).isNull();
                    assertThat(recorded.details().completes()).isFalse();
                    assertThat(recorded.details().placeForPublic()).isEqualTo("Skolgatan");
                });
        assertThat(((se.medborgarlofte.events.PromiseEvent.PromiseSigned) payloads.get(0)).terms().assumedFields())
                .isEmpty();
        assertThat(payloads.get(5)).isInstanceOfSatisfying(se.medborgarlofte.events.PromiseEvent.ActivityRecorded.class,
                recorded -> assertThat(recorded.example()).isTrue());
        assertThat(payloads.get(13)).isInstanceOf(se.medborgarlofte.events.PromiseEvent.PromiseClosed.class);
        assertThat(eventStore.readEvents("format-2026").asStream().findFirst().orElseThrow().getTimestamp())
                .isEqualTo(java.time.Instant.parse("2026-01-10T09:00:00.123Z"));

        String activity = """
                {"activityId": "%s", "kind": "TRAFFIC_CONTROL", "occurredOn": "2026-06-01", "place": "Skolgatan",
                 "performedBy": "POLICE", "commitmentIds": ["format-2026-traffic"]}
                """;
        HttpResponse<String> closed = post("/api/promises/format-2026/activities", activity.formatted("new"));
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(409);
        assertThat(closed.body()).contains("PROMISE_CLOSED");
        HttpResponse<String> recorded = post("/api/promises/format-open/activities",
                activity.formatted("new").replace("format-2026", "format-open"));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(post("/api/promises/format-open/activities", """
                {"activityId": "format-a1", "kind": "TRAFFIC_CONTROL", "occurredOn": "2026-03-04", "place": "Skolgatan",
                 "performedBy": "POLICE", "commitmentIds": ["format-2026-traffic"], "participants": ["Polis 1"],
                 "outcomes": {"checkedDrivers": 40, "drunkDriving": 1}, "notes": "Lugnt"}
                """.replace("format-2026-traffic", "format-open-traffic")).statusCode())
                .as("a stored record sent again is a repeat").isEqualTo(200);
        assertThat(eventStore.lastSequenceNumberFor("format-open")).contains(13L);
    }
}
