package se.medborgarlofte.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseId;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edges of the engine: batches, numbers taken again and again, conflicts halfway through a batch, the order a
 * server answers in, timestamps and the builder. (Found by mutation testing: each test here fails for a mutant the
 * main engine test let live.)
 */
class SequencedMongoEventStorageEngineBoundaryTest extends EngineTestSupport {

    @Test
    void aBatchGetsConsecutiveNumbersInItsOwnOrder() {
        engine.appendEvents(event("p1", 0), event("p1", 1), event("p1", 2));
        List<TrackedEventMessage<?>> all = read(engine, null);
        assertThat(all).extracting(e -> ((DomainEventMessage<?>) e).getSequenceNumber()).containsExactly(0L, 1L, 2L);
        assertThat(all).extracting(EngineTestSupport::index).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aBatchWhoseMiddleNumberWasTakenStoresTheRestUnderNewNumbersAndClosesTheUnusedOne() {
        AtomicInteger attempts = new AtomicInteger();
        hook = (first, count) -> {
            if (attempts.incrementAndGet() == 1) {
                squat(first + 1);
            }
        };
        engine.appendEvents(event("p1", 0), event("p1", 1), event("p1", 2));
        List<TrackedEventMessage<?>> all = read(engine, null);
        assertThat(all).extracting(e -> ((DomainEventMessage<?>) e).getSequenceNumber()).containsExactly(0L, 1L, 2L);
        // 1 stored; 2 taken by someone else; 3 closed by the writer; 4 and 5 the rest, on the second attempt
        assertThat(all).extracting(EngineTestSupport::index).containsExactly(1L, 4L, 5L);
        assertThat(((GapAwareTrackingToken) all.get(2).trackingToken()).getGaps()).as("nothing left open").isEmpty();
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void aBatchThatConflictsHalfwayIsAConcurrencyConflictNamingTheAggregateAndLeavesNoOpenNumber() {
        engine.appendEvents(event("p1", 1));
        assertThatThrownBy(() -> engine.appendEvents(event("p1", 0), event("p1", 1), event("p1", 2)))
                .isInstanceOf(ConcurrencyException.class).hasMessageContaining("p1");
        engine.appendEvents(event("p2", 0));
        List<TrackedEventMessage<?>> all = read(engine, null);
        assertThat(index(all.get(all.size() - 1))).isEqualTo(5);
        assertThat(((GapAwareTrackingToken) all.get(all.size() - 1).trackingToken()).getGaps())
                .as("the failed writer closed its numbers at once (gap timeout 60 s)").isEmpty();
    }

    /** A writer holds number 1 (taken, not inserted yet) while the test runs the action; then it inserts. */
    void whileAnotherWriterHoldsNumberOne(Runnable action) throws Exception {
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AppendHook previous = hook;
        hook = (first, count) -> {
            allocated.countDown();
            await(release);
        };
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> engine.appendEvents(event("slow", 0)));
        assertThat(allocated.await(5, TimeUnit.SECONDS)).isTrue();
        hook = previous;
        try {
            action.run();
        } finally {
            release.countDown();
        }
        slow.get(5, TimeUnit.SECONDS);
        assertThat(storedNumber("slow/0")).as("the other writer's number was left alone").isEqualTo(1);
    }

    @Test
    void aBatchWhoseThirdNumberWasTakenClosesOnlyItsOwnNumbers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        hook = (first, count) -> {
            if (count == 4 && attempts.incrementAndGet() == 1) {
                squat(first + 2);
            }
        };
        whileAnotherWriterHoldsNumberOne(() ->
                engine.appendEvents(event("p1", 0), event("p1", 1), event("p1", 2), event("p1", 3)));
        assertThat(read(engine, null)).extracting(EngineTestSupport::aggregate)
                .containsExactly("slow", "p1", "p1", "p1", "p1");
    }

    @Test
    void aBatchWhoseFirstNumberWasTakenClosesOnlyItsOwnNumbers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        hook = (first, count) -> {
            if (count == 2 && attempts.incrementAndGet() == 1) {
                squat(first);
            }
        };
        whileAnotherWriterHoldsNumberOne(() -> engine.appendEvents(event("p1", 0), event("p1", 1)));
        assertThat(read(engine, null)).extracting(EngineTestSupport::aggregate)
                .containsExactly("slow", "p1", "p1");
    }

    @Test
    void aBatchThatConflictsAtItsThirdEventClosesOnlyItsOwnNumbers() throws Exception {
        whileAnotherWriterHoldsNumberOne(() -> {
            engine.appendEvents(event("p1", 2));
            assertThatThrownBy(() -> engine.appendEvents(event("p1", 0), event("p1", 1), event("p1", 2)))
                    .isInstanceOf(ConcurrencyException.class);
        });
        List<TrackedEventMessage<?>> all = read(engine, null);
        assertThat(all).extracting(EngineTestSupport::aggregate).startsWith("slow");
        assertThat(((GapAwareTrackingToken) all.get(all.size() - 1).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void aSingleConflictNamesTheAggregate() {
        engine.appendEvents(event("promise-7", 0));
        assertThatThrownBy(() -> engine.appendEvents(event("promise-7", 0)))
                .isInstanceOf(ConcurrencyException.class).hasMessageContaining("promise-7");
    }

    @Test
    void aWriterWhoseNumberIsTakenEveryTimeGivesUpAfterTwentyAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        hook = (first, count) -> {
            attempts.incrementAndGet();
            squat(first);
        };
        assertThatThrownBy(() -> engine.appendEvents(event("p1", 0)))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("20 attempts");
        assertThat(attempts.get()).isEqualTo(20);
    }

    @Test
    void eventsInsertedOutOfOrderAreDeliveredInGlobalOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // named so that neither the order of insertion nor that of the ids is the order of the numbers
        CompletableFuture<Void> slow = appendHeldAfterNumbering(engine, event("z-slow", 0), release);
        engine.appendEvents(event("a-fast", 0));
        engine.appendEvents(event("m-fast", 0));
        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        List<TrackedEventMessage<?>> all = read(engine, null);
        assertThat(all).extracting(EngineTestSupport::aggregate)
                .containsExactly("z-slow", "a-fast", "m-fast");
        assertThat(all).extracting(EngineTestSupport::index).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theOrderInWhichTheServerAnswersDoesNotMatter() {
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                .database(answeringEventsInReverse(database))
                .eventSerializer(AxonSerialization.serializer()).snapshotSerializer(AxonSerialization.serializer())
                .build();
        for (long i = 0; i < 5; i++) {
            engine.appendEvents(event("p1", i));
        }
        assertThat(read(engine, null)).extracting(EngineTestSupport::index)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(engine.readEvents("p1", 0).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    /**
     * The same database, except that every query on the events collection answers in reverse order, as a server
     * may that merges the answers of several shards, or picks another plan. (Both embedded backends answer an
     * {@code $in} on a unique index in index order.)
     */
    static MongoDatabase answeringEventsInReverse(MongoDatabase database) {
        return reversing(MongoDatabase.class, database);
    }

    @SuppressWarnings("unchecked")
    static <T> T reversing(Class<T> type, Object target) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> {
                    try {
                        if (method.getName().equals("into")) {
                            List<Object> answer = (List<Object>) method.invoke(target, new java.util.ArrayList<>());
                            java.util.Collections.reverse(answer);
                            ((java.util.Collection<Object>) args[0]).addAll(answer);
                            return args[0];
                        }
                        Object result = method.invoke(target, args);
                        if (result instanceof com.mongodb.client.FindIterable<?>) {
                            return reversing(com.mongodb.client.FindIterable.class, result);
                        }
                        if (method.getName().equals("getCollection") && "events".equals(args[0])) {
                            return reversing(com.mongodb.client.MongoCollection.class, result);
                        }
                        return result;
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void anAggregateBatchHoldsExactlyTheBatchSize() {
        for (long i = 0; i < 250; i++) {
            engine.appendEvents(event("p1", i));
        }
        assertThat(engine.fetchDomainEvents("p1", 0, 100)).extracting(e -> e.getSequenceNumber())
                .containsExactlyElementsOf(LongStream.range(0, 100).boxed().toList());
        assertThat(engine.fetchDomainEvents("p1", 200, 100)).hasSize(50);
    }

    /** Axon itself keeps event timestamps to the millisecond, whatever the engine stores beyond that. */
    @Test
    void anEventsTimestampIsReadBackWithOrWithoutTheNanosecondField() {
        Instant precise = Instant.parse("2025-03-01T10:15:30.123456789Z");
        Instant millis = Instant.parse("2025-03-01T10:15:30.123Z");
        engine.appendEvents(new GenericDomainEventMessage<>("Promise", "p1", 0,
                new GenericMessage<>(new ActivityRetracted(new PromiseId("p1"), new ActivityId("a"), "x")), precise));
        assertThat(read(engine, null).get(0).getTimestamp()).isEqualTo(millis);
        assertThat(engine.readEvents("p1", 0).next().getTimestamp()).isEqualTo(millis);

        // a document written without the nanosecond field (as by an older version) reads the same
        database.getCollection("events").updateOne(new Document("_id", "p1/0"),
                new Document("$unset", new Document("timestampNanos", "")));
        assertThat(engine.readEvents("p1", 0).next().getTimestamp()).isEqualTo(millis);
        assertThat(read(engine, null).get(0).getTimestamp()).isEqualTo(millis);
    }

    @Test
    void theCollectionsCanBeNamed() {
        SequencedMongoEventStorageEngine named = SequencedMongoEventStorageEngine.builder().database(database)
                .collections("domainEvents", "aggregateSnapshots", "sequence")
                .eventSerializer(AxonSerialization.serializer()).snapshotSerializer(AxonSerialization.serializer())
                .build();
        named.appendEvents(event("p1", 0));
        named.storeSnapshot(event("p1", 0));
        assertThat(database.getCollection("domainEvents").countDocuments()).isEqualTo(1);
        assertThat(database.getCollection("aggregateSnapshots").countDocuments()).isEqualTo(1);
        assertThat(database.getCollection("sequence").find().first().getLong("value")).isEqualTo(1L);
        assertThat(read(named, null)).hasSize(1);
    }

    @Test
    void anEngineWithoutADatabaseIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> SequencedMongoEventStorageEngine.builder()
                .eventSerializer(AxonSerialization.serializer()).snapshotSerializer(AxonSerialization.serializer())
                .build()).isInstanceOf(AxonConfigurationException.class).hasMessageContaining("MongoDatabase");
    }
}
