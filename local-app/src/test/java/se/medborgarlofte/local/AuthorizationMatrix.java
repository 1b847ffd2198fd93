package se.medborgarlofte.local;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.ne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each role and organisation against each endpoint (every command, and the reads), with the status it must get;
 * a refused command writes no event, and an accepted one stores who sent it (id, name, organisation, role) on every
 * event it writes. Subclasses say how a caller authenticates (verified JWTs, or the local users with HTTP Basic)
 * and who each caller is. The promise "m" belongs to Lokalpolisområde Testby and Testby municipality. Commands that
 * end something (withdraw, retract, close) act on a target made for each caller, so every caller meets the same
 * state. Both apps run on the {@link TestClock}.
 */
abstract class AuthorizationMatrix {

    enum Caller { ANONYMOUS, ADMIN, POLICE, MUNICIPALITY, OTHER_ORGANISATION, VIEWER, BAD_CREDENTIALS }

    static LocalApplication app;

    /** Each subclass starts its own app; the flag below is per class. */
    static final AtomicInteger unique = new AtomicInteger();

    /** Headers that authenticate the caller ({@code Authorization: ...}), or none. */
    abstract String[] credentials(Caller caller);

    /** Who the caller is, as every event its commands produce must say. */
    record Identity(String userId, String userName, String organisation, String role) {
    }

    abstract Identity identity(Caller caller);

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        TestClock.release();
    }

    record Case(String endpoint, String method, Supplier<String> path, Supplier<String> body, int[] expected) {
    }

    static int[] statuses(int anonymous, int admin, int police, int municipality, int other, int viewer) {
        return new int[]{anonymous, admin, police, municipality, other, viewer, 401};
    }

    Http.Response call(Caller caller, String method, String path, String body, int port) {
        Http http = new Http(port);
        return http.send(method, path, body, concat(credentials(caller), "Content-Type", "application/json"));
    }

    static String[] concat(String[] first, String... second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    static String id() {
        return "x" + unique.incrementAndGet();
    }

    static String promise(String id) {
        return """
                {"promiseId": "%s", "title": "Medborgarlöfte Testby", "municipalities": ["Testby"],
                 "policeArea": "Lokalpolisområde Testby", "validFrom": "2025-01-01", "validTo": "2025-12-31",
                 "signedOn": "2024-12-15", "signatories": [{"name": "Eva Ek", "role": "KSO", "side": "MUNICIPALITY"}],
                 "statement": "Vi lovar %s", "focusAreas": [{"code": "SAFETY", "title": "Trygghet"}], "reason": "Ändring"}
                """.formatted(id, id);
    }

    static String commitment(String id, String owner) {
        return """
                {"commitmentId": "%s", "title": "Åtagande", "owner": "%s", "focusArea": "SAFETY",
                 "countedKinds": ["SAFETY_WALK", "TRAFFIC_CONTROL", "PHYSICAL_MEASURE"], "target": 5}
                """.formatted(id, owner);
    }

    static String activity(String id, String performer, String commitmentId) {
        return """
                {"activityId": "%s", "kind": "SAFETY_WALK", "occurredOn": "2025-03-01", "place": "Centrum",
                 "performedBy": "%s", "commitmentIds": ["%s"], "participants": ["Anna Andersson"],
                 "notes": "Hemlig anteckning"}
                """.formatted(id, performer, commitmentId);
    }

    private static LocalApplication setUpFor;

    /** Sets up promise "m" as the administrator, once per app. */
    synchronized void setUp() {
        if (setUpFor == app) {
            return;
        }
        setUpFor = app;
        int port = app.commandPort();
        assertThat(call(Caller.ADMIN, "POST", "/api/promises", promise("m"), port).status()).isEqualTo(201);
        for (String[] c : new String[][]{{"police-c", "POLICE"}, {"muni-c", "MUNICIPALITY"}, {"joint-c", "JOINT"}}) {
            assertThat(call(Caller.ADMIN, "POST", "/api/promises/m/commitments", commitment(c[0], c[1]), port).status())
                    .isEqualTo(201);
        }
        assertThat(call(Caller.ADMIN, "POST", "/api/promises/m/activities", activity("police-a", "POLICE", "police-c"),
                port).status()).isEqualTo(201);
        assertThat(call(Caller.ADMIN, "POST", "/api/promises/m/activities", activity("muni-a", "MUNICIPALITY", "muni-c"),
                port).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                new Http(app.queryPort()).get("/api/promises/m/activities").body().size() == 2);
    }

    /** Made by the administrator for one call: a commitment, an activity or a promise of its own. */
    String fresh(String path, String json, String idField) {
        Http.Response made = call(Caller.ADMIN, "POST", path, json, app.commandPort());
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body().get(idField).asString();
    }

    String freshCommitment(String owner) {
        return "/api/promises/m/commitments/"
               + fresh("/api/promises/m/commitments", commitment(id(), owner), "commitmentId");
    }

    String freshActivity(String performer, String commitmentId) {
        return "/api/promises/m/activities/"
               + fresh("/api/promises/m/activities", activity(id(), performer, commitmentId), "activityId");
    }

    static String revision(String owner) {
        return commitment("ignored", owner).replace("\"target\": 5", "\"target\": 6, \"reason\": \"Höjt mål\"")
                .replace("\"commitmentId\": \"ignored\", ", "");
    }

    List<Case> commands() {
        return List.of(
                new Case("sign a promise", "POST", () -> "/api/promises", () -> promise(id()),
                        statuses(401, 201, 403, 403, 403, 403)),
                new Case("amend the promise", "POST", () -> "/api/promises/m/amendment", () -> promise("m").replace("Vi lovar m", "Vi lovar " + id()),
                        statuses(401, 200, 403, 403, 403, 403)),
                new Case("add a police commitment", "POST", () -> "/api/promises/m/commitments", () -> commitment(id(), "POLICE"),
                        statuses(401, 201, 201, 403, 403, 403)),
                new Case("add a municipal commitment", "POST", () -> "/api/promises/m/commitments", () -> commitment(id(), "MUNICIPALITY"),
                        statuses(401, 201, 403, 201, 403, 403)),
                new Case("add a joint commitment", "POST", () -> "/api/promises/m/commitments", () -> commitment(id(), "JOINT"),
                        statuses(401, 201, 201, 201, 403, 403)),
                new Case("record police work", "POST", () -> "/api/promises/m/activities", () -> activity(id(), "POLICE", "police-c"),
                        statuses(401, 201, 201, 403, 403, 403)),
                new Case("record municipal work", "POST", () -> "/api/promises/m/activities", () -> activity(id(), "MUNICIPALITY", "muni-c"),
                        statuses(401, 201, 403, 201, 403, 403)),
                new Case("record joint work", "POST", () -> "/api/promises/m/activities", () -> activity(id(), "JOINT", "joint-c"),
                        statuses(401, 201, 201, 201, 403, 403)),
                new Case("correct police work", "POST", () -> "/api/promises/m/activities/police-a/correction",
                        () -> "{\"notes\": \"" + id() + "\", \"reason\": \"Förtydligande\"}",
                        statuses(401, 200, 200, 403, 403, 403)),
                new Case("correct municipal work", "POST", () -> "/api/promises/m/activities/muni-a/correction",
                        () -> "{\"notes\": \"" + id() + "\", \"reason\": \"Förtydligande\"}",
                        statuses(401, 200, 403, 200, 403, 403)),
                new Case("assess a municipal commitment", "POST", () -> "/api/promises/m/commitments/muni-c/assessments",
                        () -> "{\"assessedOn\": \"2025-03-01\", \"status\": \"ON_TRACK\", \"rationale\": \"" + id() + "\"}",
                        statuses(401, 201, 403, 201, 403, 403)),
                new Case("assess a joint commitment", "POST", () -> "/api/promises/m/commitments/joint-c/assessments",
                        () -> "{\"assessedOn\": \"2025-03-01\", \"status\": \"BEHIND\", \"rationale\": \"" + id() + "\"}",
                        statuses(401, 201, 201, 201, 403, 403)),
                new Case("revise a police commitment", "POST", () -> freshCommitment("POLICE") + "/revision",
                        () -> revision("POLICE"), statuses(401, 200, 200, 403, 403, 403)),
                new Case("revise a municipal commitment", "POST", () -> freshCommitment("MUNICIPALITY") + "/revision",
                        () -> revision("MUNICIPALITY"), statuses(401, 200, 403, 200, 403, 403)),
                new Case("withdraw a police commitment", "POST", () -> freshCommitment("POLICE") + "/withdrawal",
                        () -> "{\"reason\": \"Prioriteras om\"}", statuses(401, 200, 200, 403, 403, 403)),
                new Case("withdraw a municipal commitment", "POST", () -> freshCommitment("MUNICIPALITY") + "/withdrawal",
                        () -> "{\"reason\": \"Prioriteras om\"}", statuses(401, 200, 403, 200, 403, 403)),
                new Case("retract police work", "POST", () -> freshActivity("POLICE", "police-c") + "/retraction",
                        () -> "{\"reason\": \"Dubbelregistrerad\"}", statuses(401, 200, 200, 403, 403, 403)),
                new Case("retract municipal work", "POST", () -> freshActivity("MUNICIPALITY", "muni-c") + "/retraction",
                        () -> "{\"reason\": \"Dubbelregistrerad\"}", statuses(401, 200, 403, 200, 403, 403)),
                new Case("close a promise", "POST", () -> "/api/promises/" + fresh("/api/promises", promise(id()), "promiseId") + "/closure",
                        () -> "{\"closedOn\": \"2025-09-01\", \"summary\": \"Året summerat\"}",
                        statuses(401, 200, 403, 403, 403, 403)));
    }

    List<Case> reads() {
        return List.of(
                new Case("list promises", "GET", () -> "/api/promises", () -> null, statuses(200, 200, 200, 200, 200, 200)),
                new Case("read a promise", "GET", () -> "/api/promises/m", () -> null, statuses(200, 200, 200, 200, 200, 200)),
                new Case("read progress", "GET", () -> "/api/promises/m/progress?asOf=2025-06-30", () -> null,
                        statuses(200, 200, 200, 200, 200, 200)),
                new Case("read the activity log", "GET", () -> "/api/promises/m/activities", () -> null,
                        statuses(200, 200, 200, 200, 200, 200)),
                new Case("read the history", "GET", () -> "/api/promises/m/history", () -> null,
                        statuses(401, 200, 200, 200, 200, 200)),
                new Case("read what changed", "GET", () -> "/api/promises/m/changes?from=2020-01-01&to=2030-01-01", () -> null,
                        statuses(401, 200, 200, 200, 200, 200)),
                new Case("export the activity log", "GET", () -> "/api/promises/m/activities/export", () -> null,
                        statuses(401, 200, 200, 200, 200, 200)),
                new Case("verify the hash chain", "GET", () -> "/api/promises/m/verify", () -> null,
                        statuses(401, 200, 200, 200, 200, 200)),
                new Case("read the daily anchors", "GET", () -> "/api/operations/anchors", () -> null,
                        statuses(200, 200, 200, 200, 200, 200)),
                new Case("read event problems", "GET", () -> "/api/operations/event-problems", () -> null,
                        statuses(401, 200, 200, 200, 200, 200)),
                new Case("read dead letters", "GET", () -> "/api/operations/dead-letters", () -> null,
                        statuses(401, 200, 403, 403, 403, 403)),
                new Case("read actuator env", "GET", () -> "/actuator/env", () -> null,
                        statuses(401, 403, 403, 403, 403, 403)));
    }

    @TestFactory
    Stream<DynamicTest> everyRoleAgainstEveryEndpoint() {
        setUp();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : commands()) {
            addAll(tests, c, app.commandPort());
        }
        for (Case c : reads()) {
            addAll(tests, c, app.queryPort());
        }
        return tests.stream();
    }

    private void addAll(List<DynamicTest> tests, Case c, int port) {
        for (Caller caller : Caller.values()) {
            int expected = c.expected()[caller.ordinal()];
            tests.add(DynamicTest.dynamicTest(caller + " may " + (expected < 300 ? "" : "not ") + c.endpoint()
                    + " (" + expected + ")", () -> {
                String path = c.path().get();
                String body = c.body().get();
                long before = lastEventNumber();
                Http.Response response = call(caller, c.method(), path, body, port);
                assertThat(response.status()).as(response.raw()).isEqualTo(expected);
                List<Document> written = eventsAfter(before);
                if (expected >= 400) {
                    assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
                }
                if (expected >= 400 || c.method().equals("GET")) {
                    assertThat(written).as("events written by a refused request or a read").isEmpty();
                } else {
                    assertThat(written).as("events written by an accepted command").isNotEmpty();
                    for (Document event : written) {
                        Document metaData = Document.parse(event.getString("metaData"));
                        Identity stored = new Identity(metaData.getString("userId"), metaData.getString("userName"),
                                metaData.getString("organisation"), metaData.getString("role"));
                        assertThat(stored).as("who sent " + event.getString("payloadType")).isEqualTo(identity(caller));
                    }
                }
            }));
        }
    }

    static MongoCollection<Document> events() {
        return app.commandSide().getBean(MongoDatabaseFactory.class).getMongoDatabase().getCollection("events");
    }

    static long lastEventNumber() {
        Document last = events().find().sort(new Document("globalIndex", -1)).limit(1).first();
        return last == null ? 0 : last.getLong("globalIndex");
    }

    static List<Document> eventsAfter(long number) {
        return events().find(and(gt("globalIndex", number), ne("tombstone", true))).into(new ArrayList<>());
    }

    @TestFactory
    Stream<DynamicTest> thePublicActivityLogCarriesNoNotesNamesOrIdentities() {
        setUp();
        return Stream.of(DynamicTest.dynamicTest("anonymous and signed-in views of the activity log", () -> {
            JsonNode anonymous = new Http(app.queryPort()).get("/api/promises/m/activities").body();
            assertThat(anonymous.size()).isPositive();
            String raw = anonymous.toString();
            assertThat(raw).doesNotContain("Hemlig anteckning", "Anna Andersson", "recordedBy", "notes", "participants");
            JsonNode internal = call(Caller.VIEWER, "GET", "/api/promises/m/activities", null, app.queryPort()).body();
            assertThat(internal.toString()).contains("Hemlig anteckning", "Anna Andersson", "recordedBy");
            Http.Response cors = new Http(app.queryPort()).get("/api/promises/m/progress", "Origin", "https://www.testby.se");
            assertThat(cors.status()).isEqualTo(200);
            assertThat(cors.header("Access-Control-Allow-Origin")).as("a municipality's site may embed public reads")
                    .isIn("*", "https://www.testby.se");
            assertThat(cors.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(cors.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(cors.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(cors.header("Referrer-Policy")).isEqualTo("no-referrer");
            Http.Response history = call(Caller.VIEWER, "GET", "/api/promises/m/history", null, app.queryPort());
            Http.Response historyFromSite = new Http(app.queryPort()).send("GET", "/api/promises/m/history", null,
                    concat(credentials(Caller.VIEWER), "Origin", "https://www.testby.se"));
            assertThat(history.status()).isEqualTo(200);
            assertThat(historyFromSite.header("Access-Control-Allow-Origin")).as("no CORS for internal reads").isNull();
            Http.Response health = new Http(app.queryPort()).get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().get("status").asString()).isEqualTo("UP");
            assertThat(health.raw()).as("health reveals nothing but its status").doesNotContain("components", "details",
                    "mongo", "error");
        }));
    }
}
