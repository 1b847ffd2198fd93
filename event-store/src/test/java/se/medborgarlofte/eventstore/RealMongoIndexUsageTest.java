package se.medborgarlofte.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real MongoDB, every query shape the engine uses is answered from an index: explain() shows no COLLSCAN.
 * Runs wherever Docker exists; skipped elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoIndexUsageTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @Test
    void everyEngineQueryUsesAnIndex() {
        try (MongoClient client = MongoClients.create(MONGO.getReplicaSetUrl("index-test"))) {
            MongoDatabase database = client.getDatabase("index-test");
            SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                    .database(database).eventSerializer(AxonSerialization.serializer())
                    .snapshotSerializer(AxonSerialization.serializer()).batchSize(100)
                    .gapTimeout(Duration.ofSeconds(60)).build();
            for (long i = 0; i < 200; i++) {
                engine.appendEvents(new GenericDomainEventMessage<>("Promise", "p" + (i % 10), i / 10, "event " + i));
            }
            engine.storeSnapshot(new GenericDomainEventMessage<>("Promise", "p1", 5, "snapshot"));

            assertIndexed(database, "events", new Document("globalIndex", new Document("$in", List.of(1L, 2L, 150L))), null);
            assertIndexed(database, "events", new Document("_id", new Document("$in", List.of("p1/0", "p1/1"))), null);
            assertIndexed(database, "events", new Document("aggregateIdentifier", "p1"), new Document("sequenceNumber", -1));
            assertIndexed(database, "events", new Document("timestamp", new Document("$gte", Date.from(Instant.EPOCH))),
                    new Document("timestamp", 1));
            assertIndexed(database, "snapshots", new Document("_id", "p1"), null);
            assertIndexed(database, "eventCounters", new Document("_id", "globalIndex"), null);
        }
    }

    private static void assertIndexed(MongoDatabase database, String collection, Document filter, Document sort) {
        Document find = new Document("find", collection).append("filter", filter);
        if (sort != null) {
            find.append("sort", sort).append("limit", 1);
        }
        Document explain = database.runCommand(new Document("explain", find).append("verbosity", "queryPlanner"));
        String plan = explain.get("queryPlanner", Document.class).get("winningPlan", Document.class).toJson();
        assertThat(plan).as(collection + " " + filter.toJson()).doesNotContain("COLLSCAN");
    }
}
