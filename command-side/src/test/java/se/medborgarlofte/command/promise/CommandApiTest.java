package se.medborgarlofte.command.promise;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import se.medborgarlofte.eventstore.EmbeddedMongoServer;
import se.medborgarlofte.security.LocalUsers;
import se.medborgarlofte.security.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
        org.bson.Document snapshot = mongo.getMongoDatabase().getCollection("snapshots")
                .find(new org.bson.Document("_id", "long-2025")).first();
        assertThat(snapshot).as("a snapshot was stored").isNotNull();
        assertThat(snapshot.getLong("sequenceNumber")).isGreaterThanOrEqualTo(5L);
        // loaded from the snapshot: the retry of an early activity is still recognised, a reused id still refused
        assertThat(post("/api/promises/long-2025/activities", activity.formatted(2, 2)).statusCode()).isEqualTo(200);
        assertThat(post("/api/promises/long-2025/activities", activity.formatted(2, 3)).statusCode()).isEqualTo(409);
        assertThat(post("/api/promises/long-2025/activities", activity.formatted(13, 13)).statusCode()).isEqualTo(201);
    }
}
