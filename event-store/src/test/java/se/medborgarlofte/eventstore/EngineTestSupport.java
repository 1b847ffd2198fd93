package se.medborgarlofte.eventstore;

import se.medborgarlofte.embedded.EmbeddedMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseId;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An embedded server, an engine on it with a hook between taking numbers and inserting, and small helpers. */
abstract class EngineTestSupport {

    final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    final MongoClient client = MongoClients.create(server.connectionString());
    final MongoDatabase database = client.getDatabase("engine-edges");
    volatile AppendHook hook = AppendHook.NONE;

    SequencedMongoEventStorageEngine engine(Duration gapTimeout, int batchSize) {
        return SequencedMongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(AxonSerialization.serializer())
                .snapshotSerializer(AxonSerialization.serializer())
                .batchSize(batchSize)
                .gapTimeout(gapTimeout)
                .appendHook((first, count) -> hook.afterAllocation(first, count))
                .build();
    }

    SequencedMongoEventStorageEngine engine(Duration gapTimeout) {
        return engine(gapTimeout, 100);
    }

    final SequencedMongoEventStorageEngine engine = engine(Duration.ofSeconds(60), 100);

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    static DomainEventMessage<?> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Promise", aggregate, sequence,
                new ActivityRetracted(new PromiseId(aggregate), new ActivityId("a" + sequence), "skäl " + sequence));
    }

    static List<TrackedEventMessage<?>> read(SequencedMongoEventStorageEngine engine, TrackingToken from) {
        return engine.readEvents(from, false).collect(java.util.stream.Collectors.toList());
    }

    static long index(TrackedEventMessage<?> event) {
        return ((GapAwareTrackingToken) event.trackingToken()).getIndex();
    }

    long storedNumber(String id) {
        return database.getCollection("events").find(new Document("_id", id)).first().getLong("globalIndex");
    }

    static String aggregate(TrackedEventMessage<?> event) {
        return ((DomainEventMessage<?>) event).getAggregateIdentifier();
    }

    /** Another writer (or a reader closing it) takes the number first: what the hook does to the given numbers. */
    void squat(long number) {
        database.getCollection("events").insertOne(new Document("_id", "tombstone/" + number)
                .append("globalIndex", number).append("aggregateIdentifier", "tombstone/" + number)
                .append("sequenceNumber", 0L).append("tombstone", true).append("timestamp", new Date()));
    }

    /**
     * Starts appending {@code event} on a thread of its own; the append takes its global number, then waits for
     * {@code release} before inserting. Returns once the number is taken (a slow writer holding an open gap).
     */
    CompletableFuture<Void> appendHeldAfterNumbering(SequencedMongoEventStorageEngine engine, DomainEventMessage<?> event,
                                                     CountDownLatch release) throws InterruptedException {
        CountDownLatch allocated = new CountDownLatch(1);
        hook = (first, count) -> {
            allocated.countDown();
            await(release);
        };
        CompletableFuture<Void> append = CompletableFuture.runAsync(() -> engine.appendEvents(event));
        assertThat(allocated.await(5, TimeUnit.SECONDS)).isTrue();
        hook = AppendHook.NONE;
        return append;
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
