package se.medborgarlofte.eventstore;

import se.medborgarlofte.embedded.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query the engine sends (recorded from the driver, not written out here) selects on the leading key of an
 * index the engine created, and sorts only on a key of that index. The embedded server lists the indexes but runs
 * non-unique ones as scans; {@link RealMongoIndexUsageTest} has a real MongoDB explain the same queries.
 */
class EngineQueryIndexTest {

    @Test
    void everyQueryTheEngineSendsCanUseAnIndex() throws Exception {
        EngineQueries recorded = new EngineQueries("engine-queries");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             MongoClient client = recorded.client(server.connectionString())) {
            MongoDatabase database = client.getDatabase("engine-queries");
            EngineQueries.exercise(database);

            Map<String, EngineQueries.Query> shapes = recorded.byShape();
            Set<String> collections = new TreeSet<>();
            shapes.values().forEach(query -> collections.add(query.collection()));
            assertThat(collections).as("collections the engine queries")
                    .containsExactlyInAnyOrder("events", "snapshots", "eventCounters", "hashGenesis");
            assertThat(shapes.keySet()).as("the engine's reads by global number, by id, per aggregate, by time")
                    .anyMatch(shape -> shape.startsWith("find events {globalIndex: {$in: ?}}"))
                    .anyMatch(shape -> shape.startsWith("find events {_id: {$in: ?}}"))
                    .anyMatch(shape -> shape.contains("aggregateIdentifier"))
                    .anyMatch(shape -> shape.contains("timestamp"));

            Map<String, List<List<String>>> indexes = EngineQueries.indexes(database, collections);
            List<String> withoutIndex = new ArrayList<>();
            shapes.forEach((shape, query) -> {
                boolean usable = indexes.get(query.collection()).stream().anyMatch(keys ->
                        query.filterFields().contains(keys.get(0)) && keys.containsAll(query.sort().keySet()));
                if (!usable && !EngineQueries.oncePerDatabase(shape)) {
                    withoutIndex.add(shape + " (indexes " + indexes.get(query.collection()) + ")");
                }
            });
            assertThat(withoutIndex).as("queries no index serves").isEmpty();
        }
    }
}
