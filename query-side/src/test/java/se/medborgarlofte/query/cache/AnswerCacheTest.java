package se.medborgarlofte.query.cache;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * An answer is given again only while nothing it was computed from has changed: a batch of a promise's events
 * ends the answers about that promise and the answers about all promises, and an instance that does not process
 * every segment gives nothing from its cache, nor anything it kept before it lost one.
 */
class AnswerCacheTest {

    final Map<Integer, EventTrackerStatus> segments = new HashMap<>();
    final ReadModelVersions versions = new ReadModelVersions(provider(processing()));
    final AnswerCache<String> answers = new AnswerCache<>(versions, 100);
    final AtomicInteger computed = new AtomicInteger();

    AnswerCacheTest() {
        versions.start();
    }

    @AfterEach
    void close() {
        versions.close();
    }

    EventProcessingConfiguration processing() {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.processingStatus()).thenAnswer(invocation -> Map.copyOf(segments));
        EventProcessingConfiguration configuration = mock(EventProcessingConfiguration.class);
        when(configuration.eventProcessors()).thenReturn(Map.of("activities", (EventProcessor) processor));
        return configuration;
    }

    @SuppressWarnings("unchecked")
    static ObjectProvider<EventProcessingConfiguration> provider(EventProcessingConfiguration configuration) {
        ObjectProvider<EventProcessingConfiguration> provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable()).thenReturn(configuration);
        return provider;
    }

    /** This instance now holds these segments, and the regular check has seen it. */
    void holdSegments(int... ids) {
        segmentsNow(ids);
        versions.check();
    }

    void segmentsNow(int... ids) {
        segments.clear();
        for (int id : ids) {
            EventTrackerStatus status = mock(EventTrackerStatus.class);
            when(status.getSegment()).thenReturn(Segment.computeSegment(id, 0, 1));
            segments.put(id, status);
        }
    }

    String progress(String promiseId) {
        return answers.get(promiseId, promiseId, () -> promiseId + " #" + computed.incrementAndGet());
    }

    String list() {
        return answers.get(null, "list", () -> "list #" + computed.incrementAndGet());
    }

    /** A batch of events as a processor hands it over, with the interceptor every processor has. */
    void batch(boolean fails, String... promiseIds) {
        batch(fails, () -> { }, promiseIds);
    }

    /** {@code committed}: when the processor counts the batch as processed (it moves its read position then). */
    void batch(boolean fails, Runnable committed, String... promiseIds) {
        List<EventMessage<?>> events = java.util.Arrays.stream(promiseIds).<EventMessage<?>>map(id ->
                new GenericDomainEventMessage<>("Promise", id, 0, "payload")).toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        ReadModelChanges changes = new ReadModelChanges(versions);
        unitOfWork.executeWithResult(() -> changes.handle(unitOfWork, () -> {
            unitOfWork.afterCommit(u -> committed.run());
            if (fails) {
                throw new IllegalStateException("the token could not be stored");
            }
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);
    }

    @Test
    void anAnswerIsGivenAgainUntilABatchOfItsPromisesEventsIsWritten() {
        holdSegments(0, 1);
        assertThat(progress("p1")).isEqualTo("p1 #1");
        assertThat(list()).isEqualTo("list #2");
        assertThat(progress("p1")).isEqualTo("p1 #1");
        assertThat(list()).isEqualTo("list #2");

        batch(false, "p2");
        assertThat(progress("p1")).as("another promise changed").isEqualTo("p1 #1");
        assertThat(list()).as("the list is about every promise").isEqualTo("list #3");

        batch(true, "p1");
        assertThat(progress("p1")).as("a failed batch may have written too").isEqualTo("p1 #4");
        assertThat(progress("p1")).isEqualTo("p1 #4");
    }

    @Test
    void whenTheBatchCountsAsProcessedItsPromisesAnswersAreNoLongerGiven() {
        holdSegments(0, 1);
        assertThat(progress("p1")).isEqualTo("p1 #1");
        List<String> atCommit = new java.util.ArrayList<>();

        batch(false, () -> atCommit.add(progress("p1")), "p1");

        assertThat(atCommit).as("asked as soon as the read position has moved").containsExactly("p1 #2");
    }

    @Test
    void nothingIsKeptBeforeTheApplicationHasStarted() {
        ReadModelVersions starting = new ReadModelVersions(provider(processing()));
        AnswerCache<String> early = new AnswerCache<>(starting, 100);
        holdSegments(0, 1);

        assertThat(early.get("p1", "p1", () -> "p1 #" + computed.incrementAndGet())).isEqualTo("p1 #1");
        assertThat(early.get("p1", "p1", () -> "p1 #" + computed.incrementAndGet())).isEqualTo("p1 #2");
        starting.close();
    }

    @Test
    void withoutEverySegmentNothingComesFromTheCacheNorAfterwardsWhatWasKeptBefore() {
        holdSegments(0, 1);
        assertThat(progress("p1")).isEqualTo("p1 #1");

        holdSegments(0);
        assertThat(progress("p1")).isEqualTo("p1 #2");
        assertThat(progress("p1")).isEqualTo("p1 #3");

        holdSegments(0, 1);
        assertThat(progress("p1")).as("another instance may have changed p1 meanwhile").isEqualTo("p1 #4");
        assertThat(progress("p1")).isEqualTo("p1 #4");
    }

    @Test
    void aSegmentLostAndBackBetweenTwoRequestsIsNoticedByTheRegularCheck() throws InterruptedException {
        holdSegments(0, 1);
        assertThat(progress("p1")).isEqualTo("p1 #1");

        segmentsNow(0);
        Thread.sleep(ReadModelVersions.CHECK_MILLIS * 10);
        segmentsNow(0, 1);
        Thread.sleep(ReadModelVersions.CHECK_MILLIS * 10);

        assertThat(progress("p1")).isEqualTo("p1 #2");
    }
}
