package se.medborgarlofte.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Read models' streams that share what they read of the store: each sees exactly what the store holds, once. */
class SharedReadEventSourceTest extends EngineTestSupport {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(10).build();

    @AfterEach
    void stopStore() {
        store.shutDown();
    }

    @Test
    void streamsFromTheStartSeeEveryEventInTheStoresOrderAndTheSlowerTakesTheFasterOnesReads() throws Exception {
        appendEvents(250);
        List<String> expected = stored();
        SharedReadEventSource source = new SharedReadEventSource(store, engine, 10_000);

        BlockingStream<TrackedEventMessage<?>> secondStream = source.openStream(null);
        List<String> first = drain(source.openStream(null));
        List<String> second = drain(secondStream);

        assertThat(first).hasSize(250).isEqualTo(expected);
        assertThat(second).isEqualTo(expected);
        // three windows of 100, 100 and 50: read once, taken by the second stream
        assertThat(source.windowsShared()).isEqualTo(3);
    }

    @Test
    void aStreamAtTheHeadGoesOnWithWhatIsAppendedLater() throws Exception {
        appendEvents(50);
        SharedReadEventSource source = new SharedReadEventSource(store, engine, 10_000);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            assertThat(drainOpen(stream)).hasSize(50);

            appendEvents(10, "later");

            List<String> later = new ArrayList<>();
            while (later.size() < 10 && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                later.add(describe(stream.nextAvailable()));
            }
            assertThat(later).isEqualTo(stored().subList(50, 60));
        }
    }

    @Test
    void noWindowIsKeptOnceEveryStreamIsAtTheHeadOrClosed() throws Exception {
        appendEvents(250);
        SharedReadEventSource source = new SharedReadEventSource(store, engine, 10_000);
        BlockingStream<TrackedEventMessage<?>> behind = source.openStream(null);
        behind.nextAvailable();
        assertThat(drain(source.openStream(null))).hasSize(250);
        long sharedWhileOneWasBehind = source.windowsShared();
        behind.close();

        assertThat(drain(source.openStream(null))).hasSize(250);

        assertThat(sharedWhileOneWasBehind).isEqualTo(1);
        assertThat(source.windowsShared()).isEqualTo(sharedWhileOneWasBehind);
    }

    @Test
    void aStreamFarBehindTheOthersReadsForItselfOnceTheirWindowsAreGone() throws Exception {
        appendEvents(300);
        List<String> expected = stored();
        SharedReadEventSource source = new SharedReadEventSource(store, engine, 100);

        BlockingStream<TrackedEventMessage<?>> farBehind = source.openStream(null);
        assertThat(drain(source.openStream(null))).isEqualTo(expected);
        assertThat(drain(farBehind)).isEqualTo(expected);
        assertThat(source.windowsShared()).isLessThanOrEqualTo(1);
    }

    @Test
    void aWindowReadWhileANumberWasStillEmptyLeavesItAsAGapThatEveryStreamFillsLater() throws Exception {
        appendEvents(5);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = appendHeldAfterNumbering(engine, event("slow", 0), release);
        engine.appendEvents(event("fast", 0));
        SharedReadEventSource source = new SharedReadEventSource(store, engine, 10_000);
        BlockingStream<TrackedEventMessage<?>> first = source.openStream(null);
        BlockingStream<TrackedEventMessage<?>> slower = source.openStream(null);
        List<String> seen = drainOpen(first);
        assertThat(seen).hasSize(6).noneMatch(event -> event.startsWith("slow"));

        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        while (seen.size() < 7 && first.hasNextAvailable(5, TimeUnit.SECONDS)) {
            seen.add(describe(first.nextAvailable()));
        }
        first.close();
        List<String> second = drain(slower);

        assertThat(seen).hasSize(7).anyMatch(event -> event.startsWith("slow")).doesNotHaveDuplicates();
        assertThat(second).hasSize(7).containsExactlyElementsOf(seen);
        assertThat(source.windowsShared()).isPositive();
    }

    @Test
    void aStreamThatSkipsATypeGetsOnlyTheLastOfEachWindowOfItAndEndsAtTheSameToken() throws Exception {
        for (int i = 0; i < 250; i++) {
            engine.appendEvents(i % 50 == 10 ? new GenericDomainEventMessage<>("Promise", "other", i / 50, "anteckning")
                    : event("p" + (i % 7), i / 7));
        }
        List<TrackedEventMessage<?>> all = read(engine, null);
        SharedReadEventSource source = new SharedReadEventSource(store, engine, 10_000);
        BlockingStream<TrackedEventMessage<?>> everything = source.openStream(null);

        List<String> skipping = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            TrackedEventMessage<?> first = stream.nextAvailable();
            skipping.add(describe(first));
            stream.skipMessagesWithPayloadTypeOf(first);
            skipping.addAll(drainOpen(stream));
        }

        // windows of 100: the first event, the five others of another type, and the last of each window
        List<String> expected = IntStream.range(0, 250).filter(i -> i == 0 || i % 50 == 10 || i == 99 || i == 199
                || i == 249).mapToObj(i -> describe(all.get(i))).toList();
        assertThat(skipping).isEqualTo(expected);
        assertThat(drain(everything)).hasSize(250);
    }

    /** Every stored event, as the store's own read hands it out. */
    private List<String> stored() {
        return read(engine, null).stream().map(SharedReadEventSourceTest::describe).toList();
    }

    private void appendEvents(int count) {
        appendEvents(count, "p");
    }

    private void appendEvents(int count, String prefix) {
        IntStream.range(0, count).forEach(i -> engine.appendEvents(event(prefix + (i % 7), i / 7)));
    }

    private static List<String> drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        try (stream) {
            return drainOpen(stream);
        }
    }

    private static List<String> drainOpen(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<String> events = new ArrayList<>();
        while (stream.hasNextAvailable()) {
            events.add(describe(stream.nextAvailable()));
        }
        return events;
    }

    /** The event and the token it carries: a stream must hand out both as the store's own stream does. */
    private static String describe(TrackedEventMessage<?> event) {
        return aggregate(event) + "/" + event.getIdentifier() + "@" + event.trackingToken();
    }
}
