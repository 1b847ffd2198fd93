package se.medborgarlofte.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static com.mongodb.client.model.Filters.ne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one-command run: a file-backed embedded server, the five seed promises loaded on first start through the
 * real commands (one event for each promise, commitment, activity and assessment in the seed file), and a restart
 * that keeps the data and stores no event again.
 */
class DemoDataTest {

    @TempDir
    Path data;

    @Test
    void loadsTheFiveSeedPromisesOnFirstStartAndKeepsThemAcrossARestart() throws Exception {
        JsonNode first;
        int activities;
        long seedEvents = eventsInTheSeedFile();
        try (LocalApplication app = start()) {
            assertThat(storedEvents(app)).as("events stored on the first start").isEqualTo(seedEvents);
            first = awaitPromises(app, 5);
            assertThat(first.findValuesAsString("promiseId"))
                    .containsExactlyInAnyOrder("gislaved-2023", "varnamo-2023", "grastorp-2021", "gnosjo-2024",
                            "gullspang-2023");
            first.forEach(promise -> assertThat(promise.get("commitments").size()).as(promise.get("title").asString())
                    .isGreaterThanOrEqualTo(3));
            Http query = new Http(app.queryPort());
            JsonNode log = awaitActivities(query, "gnosjo-2024");
            activities = log.size();
            log.forEach(activity -> assertThat(activity.get("example").asBoolean()).isTrue());
            JsonNode progress = query.get("/api/promises/gnosjo-2024/progress").body();
            assertThat(progress.get("total").get("done").asInt()).isPositive();
            first.forEach(promise -> assertHonestAndPlausible(query, promise.get("promiseId").asString()));
            JsonNode gullspang = query.get("/api/promises/gullspang-2023/progress?asOf=2024-12-31").body();
            assertThat(gullspang.get("byMunicipality").findValuesAsString("key"))
                    .containsExactly("Gullspång", "Mariestad", "Töreboda");
        }
        try (LocalApplication app = start()) {
            assertThat(storedEvents(app)).as("events stored after a restart: none again").isEqualTo(seedEvents);
            JsonNode again = awaitPromises(app, 5);
            assertThat(again.size()).isEqualTo(5);
            Http query = new Http(app.queryPort());
            assertThat(awaitActivities(query, "gnosjo-2024").size()).as("nothing loaded twice").isEqualTo(activities);
        }
    }

    /**
     * The demo data says where it comes from and what was assumed, and its example activities span the whole period:
     * at the period's end the promise as a whole is not behind (the public must not read "efter plan" because the
     * examples stop part-way), and every commitment with a figure to reach has activities towards it.
     */
    private static void assertHonestAndPlausible(Http query, String promiseId) {
        JsonNode promise = query.get("/api/promises/" + promiseId).body();
        assertThat(promise.get("sourceDocument").asString()).as(promiseId).isNotBlank();
        assertThat(promise.get("assumedFields").size()).as(promiseId).isPositive();
        promise.get("commitments").forEach(commitment -> {
            if (!commitment.get("target").isNull()) {
                assertThat(commitment.get("targetSource").asString()).as(commitment.get("commitmentId").asString())
                        .isEqualTo("ASSUMED");
            }
        });
        JsonNode atEnd = query.get("/api/promises/" + promiseId + "/progress?asOf="
                + promise.get("validTo").asString()).body();
        assertThat(atEnd.get("total").get("overall").asString()).as(promiseId).isIn("ON_TRACK", "ACHIEVED");
        atEnd.get("commitments").forEach(commitment -> {
            if (!commitment.get("shape").asString().equals("AS_NEEDED")) {
                assertThat(commitment.get("activities").asInt())
                        .as(promiseId + " " + commitment.get("commitmentId").asString()).isPositive();
            }
        });
    }

    /** One event per promise, commitment, activity and assessment in the seed file. */
    private static long eventsInTheSeedFile() throws Exception {
        try (var in = DemoDataTest.class.getResourceAsStream("/demo/seed-promises.json")) {
            long events = 0;
            for (JsonNode promise : JsonMapper.builder().build().readTree(in)) {
                events += 1 + promise.path("commitments").size() + promise.path("activities").size()
                          + promise.path("assessments").size();
            }
            assertThat(events).isGreaterThan(5 * 5);
            return events;
        }
    }

    /** The loader runs before the app is ready, so this is everything it stored. */
    private static long storedEvents(LocalApplication app) {
        return app.commandSide().getBean(MongoDatabaseFactory.class).getMongoDatabase().getCollection("events")
                .countDocuments(ne("tombstone", true));
    }

    private LocalApplication start() {
        return new LocalApplication(new LocalApplication.Settings(null, data, 0, 0, 0, true,
                TestClock.properties(Map.of())));
    }

    @Test
    void theFirstStartCreatesLocalUsersWithRandomPasswordsThatAreNotStoredInClear() throws Exception {
        try (LocalApplication app = start()) {
            Path users = data.resolve("users.json");
            String file = java.nio.file.Files.readString(users);
            assertThat(file).contains("\"admin\"", "\"polis\"", "\"kommun\"", "\"lasare\"", "{bcrypt}");
            assertThat(new Http(app.commandPort()).post("/api/promises/gnosjo-2024/activities", "{}").status())
                    .isEqualTo(401);
            assertThat(new Http(app.queryPort(), "admin").get("/api/promises").status())
                    .as("no built-in password").isEqualTo(401);
        }
    }

    private static JsonNode awaitPromises(LocalApplication app, int count) {
        Http query = new Http(app.queryPort());
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> query.get("/api/promises").body(), body -> body.size() == count
                        && body.findValues("commitments").stream().allMatch(commitments -> commitments.size() >= 3));
    }

    private static JsonNode awaitActivities(Http query, String promiseId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> query.get("/api/promises/" + promiseId + "/activities").body(), body -> body.size() >= 4);
    }
}
