package se.medborgarlofte.local;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import se.medborgarlofte.query.tally.TallyStore;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An ADMIN rebuilds a read model through the operations API while commands keep arriving: the rebuild fills new
 * collections from the event stream, the public goes on reading the old ones (no 5xx, readiness UP), and once it
 * has caught up the generations are swapped. The rebuilt documents equal those the live run wrote (document by
 * document), nothing is skipped or counted twice (every activity once, every tally as counted afresh from the
 * activity documents), and a second, quiet rebuild gives the same collections again.
 */
class ReadModelRebuildTest {

    @RegisterExtension
    static final InMemoryLocalRun run = new InMemoryLocalRun();

    /** What the commands sent: per activity, how often it was corrected (-1: retracted). */
    private final Map<String, Integer> sent = new ConcurrentHashMap<>();
    private final AtomicInteger places = new AtomicInteger();

    private Http command() {
        return new Http(run.app().commandPort(), "admin");
    }

    private Http operations() {
        return new Http(run.app().queryPort(), "admin");
    }

    private MongoTemplate mongo() {
        return run.app().querySide().getBean(MongoTemplate.class);
    }

    @Test
    void aRebuildUnderLoadSwapsInTheSameReadModelWhileThePublicIsServedThroughout() throws Exception {
        for (String promise : List.of("r1", "r2", "r3", "r4")) {
            sign(promise);
            for (int i = 1; i <= 8; i++) {
                record(promise, "a" + i);
            }
            correct(promise, "a2");
            correct(promise, "a3");
            correct(promise, "a3");
            retract(promise, "a4");
        }
        awaitApplied();
        Map<String, Document> liveActivities = documents("activities");
        Map<String, Document> liveTallies = documents("progressTallies");
        String untouchedProgress = operations().get("/api/promises/r4/progress").raw();

        AtomicBoolean loading = new AtomicBoolean(true);
        List<String> problems = new CopyOnWriteArrayList<>();
        List<String> busy = List.of("r1", "r2", "r3");
        Thread writer = new Thread(() -> {
            try {
                for (int n = 0; loading.get(); n++) {
                    record(busy.get(n % 3), "w" + n);
                    if (n % 4 == 1) {
                        correct(busy.get(n % 3), "w" + n);
                    }
                    if (n % 5 == 2) {
                        retract(busy.get((n - 1) % 3), "w" + (n - 1));
                    }
                }
            } catch (Throwable e) {
                problems.add("writer: " + e);
            }
        });
        Thread reader = new Thread(() -> {
            Http anonymous = new Http(run.app().queryPort());
            while (loading.get()) {
                for (String path : List.of("/api/promises", "/api/promises/r1/progress",
                        "/api/promises/r2/activities", "/actuator/health/readiness")) {
                    Http.Response answer = anonymous.get(path);
                    if (answer.status() != 200) {
                        problems.add(path + " " + answer.status() + " " + answer.raw());
                    }
                }
            }
        });
        writer.start();
        reader.start();
        Thread.sleep(300);

        Http.Response started = operations().post("/api/operations/rebuilds/activities", "");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.body().get("generation").asInt()).isEqualTo(1);
        Http.Response again = operations().post("/api/operations/rebuilds/activities", "");
        assertThat(again.status()).as("a second rebuild of the same read model while one runs").isEqualTo(409);
        assertThat(again.contentType()).contains("application/problem+json");
        assertThat(operations().post("/api/operations/rebuilds/promises", "").status())
                .as("another read model may be rebuilt meanwhile").isEqualTo(202);

        awaitSwapped("activities", 1);
        awaitSwapped("promises", 1);
        Thread.sleep(500);
        loading.set(false);
        writer.join();
        reader.join();
        awaitApplied();

        assertThat(problems).as("public answers and readiness during the rebuild").isEmpty();
        JsonNode view = operations().get("/api/operations/rebuilds/activities").body();
        assertThat(view.get("activeGeneration").asInt()).isEqualTo(1);
        assertThat(view.get("eventsApplied").asLong()).isPositive();
        assertThat(view.get("flippedAt").isNull()).isFalse();

        Map<String, Document> rebuilt = documents("activities_g1");
        liveActivities.forEach((id, document) -> assertThat(rebuilt.get(id)).as(id).isEqualTo(document));
        Map<String, Document> rebuiltTallies = documents("progressTallies_g1");
        assertThat(rebuiltTallies.get("r4")).as("a tally no command touched since").isEqualTo(liveTallies.get("r4"));
        assertThat(operations().get("/api/promises/r4/progress").raw()).isEqualTo(untouchedProgress);
        assertEverySentActivityOnce(rebuilt);
        Tallies.assertMatchActivities(mongo(), run.app().querySide().getBean(TallyStore.class));

        Map<String, String> progress = progressOfEveryPromise();
        Http.Response quiet = operations().post("/api/operations/rebuilds/activities", "");
        assertThat(quiet.status()).isEqualTo(202);
        awaitSwapped("activities", 2);
        assertThat(documents("activities_g2")).as("a quiet rebuild gives the same documents").isEqualTo(rebuilt);
        assertThat(documents("progressTallies_g2")).isEqualTo(rebuiltTallies);
        assertThat(progressOfEveryPromise()).isEqualTo(progress);
        assertThat(mongo().collectionExists("activities")).as("generation 0 dropped when generation 2 began").isFalse();
    }

    @Test
    void onlyAnAdminMayRebuildAndAnUnknownReadModelIsNotFound() {
        for (String user : List.of("lasare", "polis")) {
            assertThat(operations().as(user).post("/api/operations/rebuilds/findings", "").status()).isEqualTo(403);
            assertThat(operations().as(user).get("/api/operations/rebuilds").status()).isEqualTo(403);
        }
        assertThat(new Http(run.app().queryPort()).post("/api/operations/rebuilds/findings", "").status())
                .isEqualTo(401);
        Http.Response unknown = operations().post("/api/operations/rebuilds/unknown", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(operations().get("/api/operations/rebuilds/unknown").status()).isEqualTo(404);
        Http.Response all = operations().get("/api/operations/rebuilds");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().findValuesAsString("processingGroup")).contains("activities", "findings", "promises");
    }

    private void record(String promise, String activity) {
        Http.Response answer = command().post("/api/promises/" + promise + "/activities", """
                {"activityId": "%s", "kind": "TRAFFIC_CONTROL", "occurredOn": "2025-03-01", "place": "Storgatan",
                 "performedBy": "POLICE", "commitmentIds": ["c1"]}
                """.formatted(activity));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        sent.put(promise + "/" + activity, 0);
    }

    private void correct(String promise, String activity) {
        Http.Response answer = command().post("/api/promises/" + promise + "/activities/" + activity + "/correction",
                "{\"place\": \"Plats " + places.incrementAndGet() + "\", \"reason\": \"Fel plats\"}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        sent.merge(promise + "/" + activity, 1, Integer::sum);
    }

    private void retract(String promise, String activity) {
        Http.Response answer = command().post("/api/promises/" + promise + "/activities/" + activity + "/retraction",
                "{\"reason\": \"Dubbelregistrerad\"}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        sent.put(promise + "/" + activity, -1);
    }

    /** Until the read models have applied every event stored so far. */
    private void awaitApplied() {
        long head = run.app().querySide().getBean(org.axonframework.eventsourcing.eventstore.EventStore.class)
                .createHeadToken().position().orElse(-1);
        await("read models at " + head).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> operations().get("/api/operations/read-position").body().get("position").asLong() >= head);
    }

    private void awaitSwapped(String group, int generation) {
        await(group + " swapped to " + generation).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode view = operations().get("/api/operations/rebuilds/" + group).body();
                    assertThat(view.get("state").asString()).as(view.toString()).isNotEqualTo("FAILED");
                    return view.get("generation").asInt() == generation
                           && "SWAPPED".equals(view.get("state").asString());
                });
    }

    private Map<String, Document> documents(String collection) {
        Map<String, Document> documents = new TreeMap<>();
        for (Document document : mongo().getCollection(collection).find()) {
            String id = String.valueOf(document.get("_id"));
            if (!id.startsWith("#")) {
                documents.put(id, document);
            }
        }
        return documents;
    }

    private void assertEverySentActivityOnce(Map<String, Document> activities) {
        assertThat(activities.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        sent.forEach((id, corrections) -> {
            Document document = activities.get(id);
            if (corrections < 0) {
                assertThat(document.getBoolean("retracted")).as(id).isTrue();
            } else {
                assertThat(document.getInteger("corrections", 0)).as(id).isEqualTo(corrections);
            }
        });
    }

    private Map<String, String> progressOfEveryPromise() {
        Map<String, String> progress = new TreeMap<>();
        for (String promise : List.of("r1", "r2", "r3", "r4")) {
            progress.put(promise, operations().get("/api/promises/" + promise + "/progress?asOf=2025-06-30").raw());
        }
        progress.put("list", operations().get("/api/promises").raw());
        return progress;
    }

    private void sign(String promise) {
        assertThat(command().post("/api/promises", """
                {"promiseId": "%s", "title": "Löfte %s", "municipalities": ["Testby"], "policeArea": "LPO Testby",
                 "validFrom": "2025-01-01", "validTo": "2025-12-31", "signedOn": "2024-12-01",
                 "signatories": [{"name": "Eva", "role": "KSO", "side": "MUNICIPALITY"}], "statement": "Vi lovar",
                 "focusAreas": [{"code": "TRAFFIC", "title": "Trafik"}]}
                """.formatted(promise, promise)).status()).isEqualTo(201);
        assertThat(command().post("/api/promises/" + promise + "/commitments", """
                {"commitmentId": "c1", "title": "Kontroller", "owner": "POLICE", "focusArea": "TRAFFIC",
                 "countedKinds": ["TRAFFIC_CONTROL"], "target": 10}
                """).status()).isEqualTo(201);
    }
}
