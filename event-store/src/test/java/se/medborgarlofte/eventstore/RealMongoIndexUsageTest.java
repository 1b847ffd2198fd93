package se.medborgarlofte.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real MongoDB, every query the engine really sends (recorded from the driver while the engine appends,
 * snapshots, loads aggregates, tracks, closes a gap and creates tokens) is answered from an index: its
 * {@code explain} shows no COLLSCAN. Runs wherever Docker exists; skipped elsewhere ({@link EngineQueryIndexTest}
 * checks the same queries against the indexes everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoIndexUsageTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    /** What the driver adds to a command that {@code explain} does not take inside it. */
    static final Set<String> NOT_EXPLAINED = Set.of("$db", "lsid", "$clusterTime", "txnNumber", "$readPreference",
            "readConcern", "writeConcern", "apiVersion", "apiStrict", "apiDeprecationErrors", "ordered");

    @Test
    void everyQueryTheEngineSendsUsesAnIndex() throws Exception {
        EngineQueries recorded = new EngineQueries("index-test");
        try (MongoClient client = recorded.client(MONGO.getReplicaSetUrl("index-test"))) {
            MongoDatabase database = client.getDatabase("index-test");
            EngineQueries.exercise(database);

            Map<String, EngineQueries.Query> shapes = recorded.byShape();
            assertThat(shapes.values()).extracting(EngineQueries.Query::collection)
                    .contains("events", "snapshots", "eventCounters");
            List<String> scans = new ArrayList<>();
            shapes.forEach((shape, query) -> {
                BsonDocument command = query.sent().clone();
                NOT_EXPLAINED.forEach(command::remove);
                Document explain = database.runCommand(new BsonDocument("explain", command)
                        .append("verbosity", new BsonString("queryPlanner")));
                String plan = explain.get("queryPlanner", Document.class).get("winningPlan", Document.class).toJson();
                if (plan.contains("COLLSCAN") && !EngineQueries.oncePerDatabase(shape)) {
                    scans.add(shape + ": " + plan);
                }
            });
            assertThat(scans).as("engine queries answered by a collection scan").isEmpty();
        }
    }
}
