package se.medborgarlofte.local;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once the apps have started, the read models' indexes exist (listed by the server), with the keys their queries
 * need: the activity log of a promise in its order and a promise's latest change, the list of promises in its order
 * and the promises that renew one, a promise's findings. The query side creates them explicitly at start
 * ({@code ReadModelIndexes}); {@code RealMongoActivityLogIndexTest} (query-side) has a real MongoDB explain that the
 * activity log's queries use them. (The embedded server lists non-unique indexes but answers with scans.)
 */
class ReadModelIndexTest {

    @Test
    void theReadModelsIndexesExistOnceTheAppsHaveStarted() {
        try (LocalApplication app = new LocalApplication(TestUsers.inMemory())) {
            MongoDatabase database = app.querySide().getBean(MongoDatabaseFactory.class).getMongoDatabase();

            assertThat(indexes(database, "activities"))
                    .containsEntry("promise_log", new Document("promiseId", 1).append("occurredOn", -1)
                            .append("activityId", 1))
                    .containsEntry("promise_latest_change", new Document("promiseId", 1).append("lastSequence", -1));
            assertThat(indexes(database, "promises"))
                    .containsEntry("list_order", new Document("validFrom", -1).append("title", 1))
                    .containsEntry("renewed_from", new Document("renewedFrom", 1));
            assertThat(indexes(database, "findings")).containsEntry("promise", new Document("promiseId", 1));
        }
    }

    /** Name to keys, as the server lists them. */
    static Map<String, Document> indexes(MongoDatabase database, String collection) {
        Map<String, Document> indexes = new LinkedHashMap<>();
        database.getCollection(collection).listIndexes().forEach(index -> indexes.put(index.getString("name"),
                index.get("key", Document.class)));
        return indexes;
    }
}
