package se.medborgarlofte.local;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain over HTTP on the local run: a promise's history verifies as intact; a payload changed directly in
 * MongoDB is named by {@code GET /api/promises/{id}/verify}; the history export carries each event's hashes; the day's
 * anchor is computed once and public.
 */
class HashChainEndToEndTest {

    @RegisterExtension
    static final InMemoryLocalRun run = new InMemoryLocalRun();

    private static MongoCollection<Document> events() {
        return run.app().commandSide().getBean(MongoDatabaseFactory.class).getMongoDatabase().getCollection("events");
    }

    private static void record(String promise) {
        Http admin = new Http(run.app().commandPort(), "admin");
        assertThat(admin.post("/api/promises", AuthorizationMatrix.promise(promise)).status()).isEqualTo(201);
        assertThat(admin.post("/api/promises/" + promise + "/commitments",
                AuthorizationMatrix.commitment(promise + "-c", "POLICE")).status()).isEqualTo(201);
        for (String activity : List.of(promise + "-a1", promise + "-a2", promise + "-a3")) {
            Http.Response recorded = admin.post("/api/promises/" + promise + "/activities",
                    AuthorizationMatrix.activity(activity, "POLICE", promise + "-c"));
            assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
        }
    }

    private static JsonNode verify(String promise) {
        Http.Response answer = new Http(run.app().queryPort(), "lasare").get("/api/promises/" + promise + "/verify");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void aPayloadChangedInMongoDbIsNamedByVerify() {
        record("kedja");
        JsonNode intact = verify("kedja");
        assertThat(intact.get("result").asString()).isEqualTo("intact");
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("eventsChecked").asInt()).isEqualTo(5);
        assertThat(intact.get("headHash").asString())
                .isEqualTo(events().find(eq("_id", "kedja/4")).first().getString("hash"));

        Document third = events().find(eq("_id", "kedja/3")).first();
        events().updateOne(eq("_id", "kedja/3"), Updates.set("payload",
                third.getString("payload").replace("kedja-a2", "kedja-a9")));
        JsonNode broken = verify("kedja");
        assertThat(broken.get("result").asString()).isEqualTo("broken");
        assertThat(broken.get("intact").asBoolean()).isFalse();
        assertThat(broken.get("eventsChecked").asInt()).isEqualTo(3);
        assertThat(broken.at("/firstBreak/sequenceNumber").asLong()).isEqualTo(3);
        assertThat(broken.at("/firstBreak/eventId").asString()).isEqualTo(third.getString("eventIdentifier"));
        assertThat(broken.at("/firstBreak/problem").asString()).isEqualTo("HASH_MISMATCH");
        assertThat(broken.get("message").asString()).isEqualTo("Händelse nummer 3 stämmer inte: den har ändrats "
                                                               + "sedan den lagrades.");
    }

    @Test
    void verifyIsInternalAndAnUnknownPromiseIsA404Problem() {
        record("kedja-intern");
        assertThat(new Http(run.app().queryPort()).get("/api/promises/kedja-intern/verify").status()).isEqualTo(401);
        Http.Response unknown = new Http(run.app().queryPort(), "lasare").get("/api/promises/finns-inte/verify");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("detail").asString()).isEqualTo("Medborgarlöftet finns-inte finns inte.");
    }

    @Test
    void theHistoryExportCarriesEachEventsHashAndTheOneBefore() {
        record("kedja-export");
        Http viewer = new Http(run.app().queryPort(), "lasare");
        JsonNode json = Http.tree(viewer.get("/api/promises/kedja-export/history/export?format=json").raw());
        assertThat(json.size()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            Document stored = events().find(eq("_id", "kedja-export/" + i)).first();
            assertThat(json.get(i).get("sequenceNumber").asLong()).isEqualTo(i);
            assertThat(json.get(i).get("hash").asString()).isEqualTo(stored.getString("hash")).hasSize(64);
            assertThat(json.get(i).get("change").asString()).as("the entry's own fields stay").isNotBlank();
            if (i > 0) {
                assertThat(json.get(i).get("previousHash").asString()).isEqualTo(json.get(i - 1).get("hash").asString());
            }
        }
        String csv = viewer.get("/api/promises/kedja-export/history/export").raw();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).endsWith(";sequenceNumber;hash;previousHash");
        assertThat(lines.get(lines.size() - 1)).endsWith(";4;" + json.get(4).get("hash").asString() + ";"
                                                         + json.get(3).get("hash").asString());
    }

    @Test
    void theDaysAnchorIsComputedOnceAndPublic() {
        record("kedja-ankare");
        Http.Response computed = new Http(run.app().queryPort(), "admin").send("POST", "/api/operations/anchors", null);
        assertThat(computed.status()).as(computed.raw()).isEqualTo(200);
        assertThat(computed.body().get("day").asString()).isEqualTo("2025-09-15");
        assertThat(computed.body().get("anchor").asString()).hasSize(64);
        assertThat(computed.body().get("promises").asInt()).isPositive();
        assertThat(new Http(run.app().queryPort(), "lasare").send("POST", "/api/operations/anchors", null).status())
                .isEqualTo(403);
        record("kedja-ankare-2");
        Http.Response again = new Http(run.app().queryPort(), "admin").send("POST", "/api/operations/anchors", null);
        assertThat(again.body()).as("one anchor a day").isEqualTo(computed.body());
        Http.Response published = new Http(run.app().queryPort()).get("/api/operations/anchors");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().get(0)).isEqualTo(computed.body());
    }
}
