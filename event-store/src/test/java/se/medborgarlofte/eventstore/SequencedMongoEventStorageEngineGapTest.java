package se.medborgarlofte.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Gaps around their timeout: not closed before it, closed after it whoever else polls, a gap filled just as it
 * expires, two readers closing the same gap, and windows that hold only closed numbers. (Found by mutation testing.)
 */
class SequencedMongoEventStorageEngineGapTest extends EngineTestSupport {

    @Test
    void aGapIsNotClosedBeforeItsTimeoutSoASlowWriterKeepsItsNumber() throws Exception {
        SequencedMongoEventStorageEngine engine = engine(Duration.ofSeconds(5), 100);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = appendHeldAfterNumbering(engine, event("slow", 0), release);
        engine.appendEvents(event("fast", 0));
        TrackingToken token = read(engine, null).get(0).trackingToken();
        for (int poll = 0; poll < 3; poll++) {
            assertThat(read(engine, token)).isEmpty();
            Thread.sleep(50);
        }
        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        List<TrackedEventMessage<?>> later = read(engine, token);
        assertThat(later).extracting(EngineTestSupport::aggregate).containsExactly("slow");
        assertThat(storedNumber("slow/0")).as("stored under the number it took, not a new one").isEqualTo(1);
        assertThat(index(later.get(0))).isEqualTo(2);
    }

    @Test
    void aGapIsClosedAfterItsTimeoutEvenWhileAReaderWithoutThatGapPollsInBetween() throws Exception {
        SequencedMongoEventStorageEngine engine = engine(Duration.ofMillis(300), 100);
        database.getCollection("eventCounters").updateOne(new Document("_id", "globalIndex"),
                new Document("$inc", new Document("value", 1L))); // number 1: its writer vanished
        engine.appendEvents(event("p1", 0));
        TrackingToken withGap = read(engine, null).get(0).trackingToken();
        assertThat(((GapAwareTrackingToken) withGap).getGaps()).containsExactly(1L);
        assertThat(read(engine, withGap)).as("the gap is seen for the first time").isEmpty();
        // a second processing group, already past number 2 without the gap, polls all the while
        TrackingToken other = GapAwareTrackingToken.newInstance(2, java.util.Set.of());
        long deadline = System.nanoTime() + Duration.ofMillis(400).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(read(engine, other)).isEmpty();
            Thread.sleep(20);
        }
        assertThat(read(engine, withGap)).isEmpty();
        engine.appendEvents(event("p1", 1));
        List<TrackedEventMessage<?>> next = read(engine, withGap);
        assertThat(next).hasSize(1);
        assertThat(((GapAwareTrackingToken) next.get(0).trackingToken()).getGaps()).as("the gap was closed").isEmpty();
        assertThat(engine.gapClosures()).as("counted for the metric").isEqualTo(new GapClosures(0, 1));
    }

    @Test
    void aGapFilledJustAsItExpiresIsDeliveredUnderItsOwnNumber() throws Exception {
        SequencedMongoEventStorageEngine engine = engine(Duration.ofMillis(100), 100);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = appendHeldAfterNumbering(engine, event("slow", 0), release);
        engine.appendEvents(event("fast", 0));
        TrackingToken token = read(engine, null).get(0).trackingToken();
        assertThat(read(engine, token)).as("the gap is seen for the first time").isEmpty();
        Thread.sleep(200);
        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
        // the gap has expired, but the number is filled now: the reader's tombstone must not replace the event
        List<TrackedEventMessage<?>> later = read(engine, token);
        assertThat(later).extracting(EngineTestSupport::aggregate).containsExactly("slow");
        assertThat(storedNumber("slow/0")).isEqualTo(1);
        assertThat(((GapAwareTrackingToken) later.get(0).trackingToken()).getGaps()).isEmpty();
        assertThat(engine.gapClosures()).as("a gap its writer filled is not counted as closed")
                .isEqualTo(new GapClosures(0, 0));
    }

    @Test
    void twoReadersClosingTheSameExpiredGapBothCarryOn() throws Exception {
        SequencedMongoEventStorageEngine first = engine(Duration.ofMillis(100), 100);
        SequencedMongoEventStorageEngine second = engine(Duration.ofMillis(100), 100);
        database.getCollection("eventCounters").updateOne(new Document("_id", "globalIndex"),
                new Document("$inc", new Document("value", 1L)));
        engine.appendEvents(event("p1", 0));
        TrackingToken token = read(first, null).get(0).trackingToken();
        assertThat(read(first, token)).isEmpty();
        assertThat(read(second, token)).isEmpty();
        Thread.sleep(200);
        assertThat(read(first, token)).isEmpty();
        assertThat(read(second, token)).as("the number is closed already; no error").isEmpty();
        engine.appendEvents(event("p1", 1));
        assertThat(((GapAwareTrackingToken) read(second, token).get(0).trackingToken()).getGaps()).isEmpty();
        assertThat(first.gapClosures().byTimeout() + second.gapClosures().byTimeout())
                .as("closed once, counted by the reader that closed it").isEqualTo(1);
    }

    @Test
    void aWindowOfOnlyClosedNumbersIsSkippedNotMistakenForTheEnd() {
        SequencedMongoEventStorageEngine engine = engine(Duration.ofSeconds(60), 2);
        engine.appendEvents(event("p1", 0));
        hook = (first, count) -> {
            throw new IllegalStateException("injected failure after taking " + first);
        };
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> engine.appendEvents(event("p1", 1))).isInstanceOf(IllegalStateException.class);
        }
        hook = AppendHook.NONE;
        engine.appendEvents(event("p1", 1));
        TrackingToken afterFirst = read(engine, null).get(0).trackingToken();
        List<TrackedEventMessage<?>> rest = read(engine, afterFirst);
        assertThat(rest).extracting(EngineTestSupport::index).containsExactly(5L);
        assertThat(engine.gapClosures()).as("the failed writer closed its three numbers")
                .isEqualTo(new GapClosures(3, 0));
    }
    /** A read of more numbers than one query asks for, with an open gap among them: every event, in order, once. */
    @Test
    void aBatchLargerThanOneQueryReadsEveryEventInOrderAroundAGap() {
        SequencedMongoEventStorageEngine engine = engine(Duration.ofSeconds(60), 1000);
        int events = SequencedMongoEventStorageEngine.NUMBERS_PER_QUERY * 2 + 50;
        for (int i = 0; i < events; i++) {
            if (i == 120) {
                database.getCollection("eventCounters").updateOne(new Document("_id", "globalIndex"),
                        new Document("$inc", new Document("value", 1L))); // number 121: its writer is still busy
            }
            engine.appendEvents(event("p" + i, 0));
        }
        List<TrackedEventMessage<?>> all = read(engine, null);
        assertThat(all).extracting(EngineTestSupport::index).as("every number but the gap, ascending")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events + 1)
                        .filter(number -> number != 121).boxed().toList());
        assertThat(((GapAwareTrackingToken) all.get(all.size() - 1).trackingToken()).getGaps()).containsExactly(121L);
    }

    /**
     * A read asks for its numbers in several queries; a writer inserting one promise's events between two of them
     * must not be seen with a hole (its later events without its earlier ones): the earlier ones would come as a
     * filled gap after the later ones, out of the promise's order, and a read model skipping what is older than its
     * last applied event would lose them (the progress tally did, in the benchmark).
     */
    @Test
    void aWriterInsertingBetweenTheQueriesOfOneReadIsNeverSeenWithAHole() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>> writer =
                new java.util.concurrent.atomic.AtomicReference<>();
        // the second query of a read waits until the writer has inserted everything
        MongoDatabase watched = watchingQueries(database, () -> {
            if (queries.incrementAndGet() == 2) {
                release.countDown();
                writer.get().join();
            }
        });
        SequencedMongoEventStorageEngine reader = SequencedMongoEventStorageEngine.builder().database(watched)
                .eventSerializer(AxonSerialization.serializer()).snapshotSerializer(AxonSerialization.serializer())
                .batchSize(1000).gapTimeout(Duration.ofSeconds(60)).build();
        int events = SequencedMongoEventStorageEngine.NUMBERS_PER_QUERY * 2 + 50;
        List<org.axonframework.eventhandling.DomainEventMessage<?>> history = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            history.add(event("p1", i));
        }
        CountDownLatch allocated = new CountDownLatch(1);
        hook = (first, count) -> {
            allocated.countDown();
            await(release);
        };
        writer.set(CompletableFuture.runAsync(() -> engine.appendEvents(history)));
        assertThat(allocated.await(5, TimeUnit.SECONDS)).isTrue();

        List<Long> sequences = new ArrayList<>();
        TrackingToken token = null;
        while (sequences.size() < events) {
            List<TrackedEventMessage<?>> read = read(reader, token);
            for (TrackedEventMessage<?> message : read) {
                sequences.add(((org.axonframework.eventhandling.DomainEventMessage<?>) message).getSequenceNumber());
                token = message.trackingToken();
            }
            assertThat(queries.get()).as("the writer has inserted (read %s)", sequences.size()).isGreaterThan(1);
        }
        assertThat(sequences).as("the promise's events in their order").isSorted().doesNotHaveDuplicates()
                .hasSize(events);
    }

    /** {@code database} whose events collection calls {@code beforeFind} before every query. */
    private static MongoDatabase watchingQueries(MongoDatabase database, Runnable beforeFind) {
        return proxy(MongoDatabase.class, database, beforeFind);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Runnable beforeFind) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().equals("find") && args != null && args.length == 1
                        && String.valueOf(args[0]).contains("$in")) {
                        beforeFind.run();
                    }
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof com.mongodb.client.MongoCollection<?> collection
                        && method.getReturnType() == com.mongodb.client.MongoCollection.class) {
                        return proxy(com.mongodb.client.MongoCollection.class, collection, beforeFind);
                    }
                    if (result instanceof MongoDatabase inner && method.getReturnType() == MongoDatabase.class) {
                        return proxy(MongoDatabase.class, inner, beforeFind);
                    }
                    return result;
                });
    }
}
