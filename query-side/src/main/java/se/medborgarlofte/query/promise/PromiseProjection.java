package se.medborgarlofte.query.promise;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.query.batch.DocumentBatch;
import se.medborgarlofte.query.batch.DocumentStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import se.medborgarlofte.query.problems.EventProblemLog;
import se.medborgarlofte.query.problems.ProjectionBase;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import se.medborgarlofte.query.generation.WriteTarget;

import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAssessed;
import se.medborgarlofte.events.PromiseEvent.CommitmentCarriedOver;
import se.medborgarlofte.events.PromiseEvent.PromiseRenewed;
import se.medborgarlofte.query.promise.PromiseDocument.CarriedFrom;
import se.medborgarlofte.events.PromiseEvent.CommitmentRevised;
import se.medborgarlofte.events.PromiseEvent.CommitmentWithdrawn;
import se.medborgarlofte.events.PromiseEvent.PromiseAmended;
import se.medborgarlofte.events.PromiseEvent.PromiseClosed;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.query.promise.PromiseDocument.Assessment;
import se.medborgarlofte.query.promise.PromiseDocument.CommitmentDocument;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Promises with their commitments. Idempotent: every change is applied only if its aggregate sequence number
 * is newer than the document's {@code lastSequence} (events of one promise arrive in order, one segment each).
 * A batch of events reads and writes its promises together ({@link DocumentBatch}).
 */
@Component
@ProcessingGroup(PromiseProjection.GROUP)
public class PromiseProjection extends ProjectionBase {

    public static final String GROUP = "promises";

    private final DocumentBatch<PromiseDocument> documents;

    /** Writing into generation 0 (outside the application). */
    public PromiseProjection(MongoTemplate mongo, EventProblemLog problems) {
        this(mongo, problems, WriteTarget.generation(0));
    }

    /** Writing into the generation {@code target} names for each batch. */
    @Autowired
    public PromiseProjection(MongoTemplate mongo, EventProblemLog problems, WriteTarget target) {
        super(GROUP, problems);
        this.documents = new DocumentBatch<>(GROUP, DocumentStore.inCollection(mongo, PromiseDocument.class,
                        () -> target.collection(GROUP, "promises")),
                document -> document.promiseId, PromiseProjection::documentId);
    }

    /** Every promise event is about the promise whose id is the aggregate's; the payload isn't read. */
    private static String documentId(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain && PromiseEvent.class.isAssignableFrom(event.getPayloadType())
                ? domain.getAggregateIdentifier() : null;
    }

    @EventHandler
    void on(PromiseSigned event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        PromiseDocument document = documents.find(event.promiseId().value()).orElseGet(PromiseDocument::new);
        if (document.lastSequence >= sequence) {
            return;
        }
        document.promiseId = event.promiseId().value();
        document.apply(event.terms());
        document.recordedAt = recordedAt;
        save(document, sequence, recordedAt);
    }

    @EventHandler
    void on(PromiseAmended event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.promiseId(), sequence, recordedAt, promise -> promise.apply(event.terms()));
    }

    @EventHandler
    void on(PromiseClosed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.promiseId(), sequence, recordedAt, promise -> {
            promise.closed = true;
            promise.closedOn = event.closedOn();
            promise.closingSummary = event.summary();
        });
    }

    @EventHandler
    void on(CommitmentAdded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.promiseId(), sequence, recordedAt, promise -> {
            CommitmentDocument commitment = new CommitmentDocument();
            commitment.commitmentId = event.commitmentId().value();
            commitment.apply(event.terms());
            promise.commitments.add(commitment);
        });
    }

    @EventHandler
    void on(CommitmentRevised event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.promiseId(), sequence, recordedAt, promise -> promise.commitment(event.commitmentId().value())
                .ifPresent(commitment -> commitment.apply(event.terms())));
    }

    @EventHandler
    void on(CommitmentWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.promiseId(), sequence, recordedAt, promise -> promise.commitment(event.commitmentId().value())
                .ifPresent(commitment -> {
                    commitment.withdrawn = true;
                    commitment.withdrawalReason = event.reason();
                }));
    }

    @EventHandler
    void on(CommitmentAssessed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.promiseId(), sequence, recordedAt, promise -> promise.commitment(event.commitmentId().value())
                .ifPresent(commitment -> commitment.assessments.add(
                        new Assessment(event.assessedOn(), event.status(), event.rationale(), recordedAt))));
    }

    @EventHandler
    void on(PromiseRenewed event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.promiseId(), sequence, recordedAt, promise -> promise.renewedFrom = event.renewedFrom().value());
    }

    @EventHandler
    void on(CommitmentCarriedOver event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.promiseId(), sequence, recordedAt, promise -> promise.commitment(event.commitmentId().value())
                .ifPresent(commitment -> commitment.carriedFrom = new CarriedFrom(event.fromPromise().value(),
                        event.fromCommitment().value())));
    }

    private void update(PromiseId promiseId, long sequence, Instant recordedAt, Consumer<PromiseDocument> change) {
        PromiseDocument document = documents.find(promiseId.value())
                .orElseThrow(() -> new IllegalStateException("Promise " + promiseId + " has no read model yet"));
        if (document.lastSequence >= sequence) {
            return;
        }
        change.accept(document);
        save(document, sequence, recordedAt);
    }

    private void save(PromiseDocument document, long sequence, Instant recordedAt) {
        document.lastSequence = sequence;
        document.updatedAt = recordedAt;
        documents.save(document);
    }
}
