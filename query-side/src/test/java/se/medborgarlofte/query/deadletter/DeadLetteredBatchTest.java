package se.medborgarlofte.query.deadletter;

import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.eventstore.AxonSerialization;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAssessed;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.query.ProjectionTestSupport;
import se.medborgarlofte.query.batch.FlushAtEndOfBatch;
import se.medborgarlofte.query.promise.PromiseDocument;
import se.medborgarlofte.query.promise.PromiseProjection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static se.medborgarlofte.query.EventSamples.commitment;
import static se.medborgarlofte.query.EventSamples.terms;

/**
 * The promise read model as a tracking processor with dead letters runs it: one batch of events of several promises
 * in one unit of work, through the same invoker, policy, queue (axon-mongo's, on the embedded server) and batch
 * writer as the app. A second handler in the group fails for one promise after the read model has changed it: that
 * event and every later one of its promise are parked, the read model keeps nothing of the failed event, and the
 * rest of the batch is written. Retried once the fault is mended, the parked events are applied once, in order.
 */
class DeadLetteredBatchTest {

    final ProjectionTestSupport support = new ProjectionTestSupport();
    final Serializer serializer = AxonSerialization.serializer();
    final ParkedEvents queue = new ParkedEvents("promises", MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
            .processingGroup("promises")
            .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(support.mongo.getDb()).build())
            .serializer(serializer)
            .build());
    final Auditor auditor = new Auditor();
    final DeadLetteringEventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
            .eventHandlers(new PromiseProjection(support.mongo, null), auditor)
            .queue(queue)
            .enqueuePolicy(new ParkingPolicy(serializer))
            .transactionManager(NoTransactionManager.instance())
            .enableSequenceIdentifierCache()
            .build();
    final AtomicLong position = new AtomicLong();

    {
        invoker.registerHandlerInterceptor(new FlushAtEndOfBatch());
    }

    /** Another handler in the promises group, which fails for one promise while its fault lasts. */
    static class Auditor {
        volatile String failsFor;
        volatile String databaseDownFor;

        @EventHandler
        void on(CommitmentAdded event) {
            if (event.promiseId().value().equals(failsFor)) {
                throw new IllegalStateException("The auditor can't handle " + failsFor);
            }
            if (event.promiseId().value().equals(databaseDownFor)) {
                throw new MongoSocketException("connection refused", new ServerAddress());
            }
        }
    }

    @AfterEach
    void close() {
        support.close();
    }

    /** An event as the event store hands it to a processor: its payload as stored text, read when handled. */
    EventMessage<?> stored(String promise, long sequence, PromiseEvent payload) {
        SerializedObject<String> data = serializer.serialize(payload, String.class);
        return stored(promise, sequence, data);
    }

    EventMessage<?> stored(String promise, long sequence, SerializedObject<String> payload) {
        SerializedMessage<?> message = new SerializedMessage<>(promise + "-" + sequence, payload,
                serializer.serialize(org.axonframework.messaging.MetaData.emptyInstance(), String.class), serializer);
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position.incrementAndGet()),
                new GenericDomainEventMessage<>("Promise", promise, sequence, message, Instant::now));
    }

    EventMessage<?> signed(String promise) {
        return stored(promise, 0, new PromiseSigned(new PromiseId(promise), terms("Löfte " + promise)));
    }

    EventMessage<?> added(String promise) {
        return stored(promise, 1, new CommitmentAdded(new PromiseId(promise), new CommitmentId("c1"), commitment(10)));
    }

    EventMessage<?> assessed(String promise) {
        return stored(promise, 2, new CommitmentAssessed(new PromiseId(promise), new CommitmentId("c1"),
                LocalDate.of(2025, 3, 1), PaceStatus.ON_TRACK, "Bra"));
    }

    /** Runs the batch as a tracking processor does (interceptors, then the invoker, in one unit of work). */
    Throwable process(List<EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        return unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new FlushAtEndOfBatch()), message -> {
                    invoker.handle(message, Segment.ROOT_SEGMENT);
                    return null;
                }).proceed(), RollbackConfigurationType.ANY_THROWABLE).optionalExceptionResult().orElse(null);
    }

    PromiseDocument promise(String id) {
        return support.mongo.findById(id, PromiseDocument.class);
    }

    List<DeadLetter<? extends EventMessage<?>>> parked(String promise) {
        return StreamSupport.stream(queue.deadLetterSequence(promise).spliterator(), false).toList();
    }

    List<EventMessage<?>> batchOfThreePromises() {
        return List.of(signed("frisk"), signed("kinkig"), added("kinkig"), added("frisk"), assessed("kinkig"),
                assessed("frisk"));
    }

    @Test
    void aFailingEventIsParkedWithItsPromiseItsChangesAreNotWrittenAndTheRestOfTheBatchIs() {
        auditor.failsFor = "kinkig";

        assertThat(process(batchOfThreePromises())).isNull();

        assertThat(promise("frisk").commitments).singleElement()
                .satisfies(c -> assertThat(c.assessments).hasSize(1));
        assertThat(promise("frisk").lastSequence).isEqualTo(2);
        assertThat(promise("kinkig").commitments).as("the read model changed it before the auditor failed").isEmpty();
        assertThat(promise("kinkig").lastSequence).isZero();
        assertThat(parked("kinkig")).extracting(letter -> letter.message().getIdentifier())
                .containsExactly("kinkig-1", "kinkig-2");
        assertThat(parked("kinkig").get(0).cause()).hasValueSatisfying(cause -> {
            assertThat(cause.type()).isEqualTo(IllegalStateException.class.getName());
            assertThat(cause.message()).isEqualTo("The auditor can't handle kinkig");
        });
        assertThat(parked("kinkig").get(1).cause()).as("parked behind the first").isEmpty();
        assertThat(queue.amountOfSequences()).isEqualTo(1);

        assertThat(process(List.of(stored("kinkig", 3, new CommitmentAssessed(new PromiseId("kinkig"),
                new CommitmentId("c1"), LocalDate.of(2025, 4, 1), PaceStatus.BEHIND, "Sämre"))))).isNull();
        assertThat(parked("kinkig")).as("a later batch parks the promise's new events behind the others")
                .hasSize(3);

        auditor.failsFor = null;
        assertThat(invoker.processAny()).isTrue();

        assertThat(parked("kinkig")).isEmpty();
        assertThat(promise("kinkig").commitments).singleElement()
                .satisfies(c -> assertThat(c.assessments).extracting(a -> a.rationale()).containsExactly("Bra", "Sämre"));
        assertThat(promise("kinkig").lastSequence).isEqualTo(3);
    }

    @Test
    void anUnreadableFirstEventParksItsPromiseInsteadOfFailingTheNextOneForever() {
        List<EventMessage<?>> batch = new ArrayList<>();
        batch.add(stored("trasig", 0, new SimpleSerializedObject<>("{\"promiseId\": [not json", String.class,
                PromiseSigned.class.getName(), null)));
        batch.add(signed("frisk"));
        batch.add(added("trasig"));
        batch.add(added("frisk"));

        assertThat(process(batch)).isNull();

        assertThat(promise("frisk").commitments).hasSize(1);
        assertThat(promise("trasig")).isNull();
        assertThat(parked("trasig")).extracting(letter -> letter.message().getIdentifier())
                .containsExactly("trasig-0", "trasig-1");
        assertThat(parked("trasig").get(0).cause()).hasValueSatisfying(cause ->
                assertThat(cause.message()).startsWith("The stored event can't be read"));
        assertThat(parked("trasig").get(0).message().serializePayload(serializer, String.class).getData())
                .as("the letter holds the stored text as it was").isEqualTo("{\"promiseId\": [not json");
    }

    @Test
    void aBatchThatFailsAfterAnEventWasParkedParksNothingAndIsDeliveredAgainInOrder() {
        auditor.failsFor = "kinkig";
        auditor.databaseDownFor = "frisk";
        List<EventMessage<?>> batch = batchOfThreePromises();

        assertThat(process(batch)).isInstanceOf(MongoSocketException.class);
        assertThat(queue.size()).as("nothing parked by a batch that did not complete").isZero();
        assertThat(promise("frisk")).as("nor written").isNull();

        auditor.databaseDownFor = null;
        assertThat(process(batch)).isNull();
        assertThat(process(batch)).as("the same batch again, as after a crash before its token").isNull();

        assertThat(parked("kinkig")).extracting(letter -> letter.message().getIdentifier())
                .containsExactly("kinkig-1", "kinkig-2");
        assertThat(promise("frisk").lastSequence).isEqualTo(2);
    }
}
