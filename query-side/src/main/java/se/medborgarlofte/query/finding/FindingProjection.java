package se.medborgarlofte.query.finding;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import se.medborgarlofte.query.batch.DocumentBatch;
import se.medborgarlofte.query.batch.DocumentStore;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import se.medborgarlofte.query.generation.WriteTarget;

import se.medborgarlofte.events.PromiseEvent.FindingEvent;
import se.medborgarlofte.events.PromiseEvent.FindingPublished;
import se.medborgarlofte.events.PromiseEvent.FindingRecorded;
import se.medborgarlofte.events.PromiseEvent.FindingReportedBack;
import se.medborgarlofte.events.PromiseEvent.FindingUnpublished;
import se.medborgarlofte.events.PromiseEvent.MeasureCompleted;
import se.medborgarlofte.events.PromiseEvent.MeasureDeclined;
import se.medborgarlofte.events.PromiseEvent.MeasurePlanned;
import se.medborgarlofte.query.problems.EventProblemLog;
import se.medborgarlofte.query.problems.ProjectionBase;

import java.time.Instant;

/**
 * Findings with their åtgärder, återkoppling and public wording. Idempotent: an event is applied only if its
 * aggregate sequence number is newer than the finding's {@code lastSequence}.
 */
@Component
@ProcessingGroup(FindingProjection.GROUP)
public class FindingProjection extends ProjectionBase {

    public static final String GROUP = "findings";

    private final DocumentBatch<FindingDocument> documents;

    /** Writing into generation 0 (outside the application). */
    public FindingProjection(MongoTemplate mongo, EventProblemLog problems) {
        this(mongo, problems, WriteTarget.generation(0));
    }

    /** Writing into the generation {@code target} names for each batch. */
    @Autowired
    public FindingProjection(MongoTemplate mongo, EventProblemLog problems, WriteTarget target) {
        super(GROUP, problems);
        this.documents = new DocumentBatch<>(GROUP, DocumentStore.inCollection(mongo, FindingDocument.class,
                        () -> target.collection(GROUP, "findings")),
                document -> document.id, FindingProjection::documentId);
    }

    /** The finding a finding event changes; other events aren't read. */
    private static String documentId(EventMessage<?> event) {
        return FindingEvent.class.isAssignableFrom(event.getPayloadType())
                && event.getPayload() instanceof FindingEvent finding
                ? FindingDocument.id(finding.promiseId().value(), finding.findingId().value()) : null;
    }

    @EventHandler
    void on(FindingRecorded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        apply(event, sequence, recordedAt);
    }

    @EventHandler
    void on(MeasurePlanned event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        apply(event, sequence, recordedAt);
    }

    @EventHandler
    void on(MeasureCompleted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        apply(event, sequence, recordedAt);
    }

    @EventHandler
    void on(MeasureDeclined event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        apply(event, sequence, recordedAt);
    }

    @EventHandler
    void on(FindingReportedBack event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        apply(event, sequence, recordedAt);
    }

    @EventHandler
    void on(FindingPublished event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        apply(event, sequence, recordedAt);
    }

    @EventHandler
    void on(FindingUnpublished event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        apply(event, sequence, recordedAt);
    }

    private void apply(FindingEvent event, long sequence, Instant recordedAt) {
        String id = FindingDocument.id(event.promiseId().value(), event.findingId().value());
        FindingDocument document = documents.find(id).orElse(null);
        if (document == null) {
            if (!(event instanceof FindingRecorded)) {
                throw new IllegalStateException("Finding " + id + " has no read model yet");
            }
            document = new FindingDocument();
            document.id = id;
            document.promiseId = event.promiseId().value();
            document.recordedAt = recordedAt;
        }
        if (document.lastSequence >= sequence) {
            return;
        }
        document.finding.apply(event);
        document.lastSequence = sequence;
        document.updatedAt = recordedAt;
        documents.save(document);
    }
}
