package se.medborgarlofte.query.replicas;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A caught-up pooled processor is woken by new events instead of looking every half second. */
class WakingEventSourceTest {

    final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).fetchDelay(10).build();
    final WakingEventSource source = new WakingEventSource(store);

    @AfterEach
    void stop() {
        source.close();
        store.shutDown();
    }

    @Test
    void aStreamCallsBackWhenEventsArrive() throws Exception {
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(store.createHeadToken())) {
            CountDownLatch called = new CountDownLatch(1);
            assertThat(stream.setOnAvailableCallback(called::countDown)).as("the callback is supported").isTrue();
            Thread.sleep(100);
            store.publish(GenericEventMessage.asEventMessage("new"));
            assertThat(called.await(2, TimeUnit.SECONDS)).as("called back").isTrue();
            assertThat(stream.nextAvailable().getPayload()).as("the stream is the store's").isEqualTo("new");
        }
    }

    /**
     * Stopped processors leave nothing reading the store: the benchmark appends 100,000 events into a store whose
     * processors are stopped, and a watcher still tailing it competed with the append (with Axon's stock engine the
     * append ran over 8 minutes instead of 43 s).
     */
    @Test
    void theWatcherStopsWhenNoStreamListensAndStartsAgainForTheNext() throws Exception {
        BlockingStream<TrackedEventMessage<?>> first = source.openStream(store.createHeadToken());
        first.setOnAvailableCallback(() -> { });
        assertThat(watchers()).as("watching while a stream listens").isEqualTo(1);
        first.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (watchers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(watchers()).as("no watcher once nobody listens").isZero();
        try (BlockingStream<TrackedEventMessage<?>> next = source.openStream(store.createHeadToken())) {
            CountDownLatch called = new CountDownLatch(1);
            next.setOnAvailableCallback(called::countDown);
            Thread.sleep(100);
            store.publish(GenericEventMessage.asEventMessage("new"));
            assertThat(called.await(2, TimeUnit.SECONDS)).as("the next stream is called back").isTrue();
        }
    }

    private static long watchers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("event-arrivals") && thread.isAlive()).count();
    }

    /**
     * Each event published 150 ms after the previous one was handled: without a wake-up the processor sees it at
     * its next look, 350 ms later.
     */
    @Test
    void anIdlePooledProcessorHandlesANewEventWithinTheFetchDelayNotHalfASecond() throws Exception {
        LinkedBlockingQueue<Long> handled = new LinkedBlockingQueue<>();
        EventMessageHandler handler = event -> {
            handled.add(System.nanoTime());
            return null;
        };
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("fresh")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(source)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor())
                .workerExecutor(Executors.newSingleThreadScheduledExecutor())
                .initialSegmentCount(1)
                .build();
        processor.start();
        try {
            store.publish(GenericEventMessage.asEventMessage("first"));
            assertThat(handled.poll(10, TimeUnit.SECONDS)).as("the first event handled").isNotNull();
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                Thread.sleep(150);
                long published = System.nanoTime();
                store.publish(GenericEventMessage.asEventMessage("event " + i));
                Long at = handled.poll(5, TimeUnit.SECONDS);
                assertThat(at).as("event %d handled", i).isNotNull();
                latencies.add(TimeUnit.NANOSECONDS.toMillis(at - published));
            }
            latencies.sort(null);
            assertThat(latencies.get(latencies.size() / 2)).as("median ms from publishing to handling, of %s",
                    latencies).isLessThan(200);
        } finally {
            processor.shutDown();
        }
    }
}
