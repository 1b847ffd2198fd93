package se.medborgarlofte.query.activity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import se.medborgarlofte.query.batch.DocumentBatch;
import se.medborgarlofte.query.problems.EventProblemLog;
import se.medborgarlofte.query.problems.ProjectionBase;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import se.medborgarlofte.query.batch.DocumentStore;
import se.medborgarlofte.query.generation.WriteTarget;

import se.medborgarlofte.events.EventMetadataKeys;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.query.tally.Contribution;
import se.medborgarlofte.query.tally.PromiseTally;
import se.medborgarlofte.query.tally.TallyStore;

import java.time.Instant;

/**
 * The activity log, and per promise the tally of what its activities that count add up to ({@link PromiseTally}),
 * which progress is computed from. Idempotent: an activity document remembers the aggregate sequence number of the
 * last event applied to it, a tally the last one applied to any activity of its promise, and older or repeated
 * events are skipped. The documents a batch of events changes are read with one query and written with one bulk
 * write per collection ({@link DocumentBatch}).
 * <p>
 * A correction or retraction takes back what the activity added to the tally before, read from the activity's
 * document as it stands before the event, so the tallies are written before the activity documents
 * ({@link DocumentBatch#writtenFirst()}): after a crash between the two writes the tally is ahead, skips the
 * replayed events, and the activity documents catch up.
 */
@Component
@ProcessingGroup(ActivityProjection.GROUP)
public class ActivityProjection extends ProjectionBase {

    public static final String GROUP = "activities";

    private final DocumentBatch<ActivityDocument> documents;
    private final DocumentBatch<PromiseTally> tallies;

    /** Writing into generation 0 (outside the application). */
    public ActivityProjection(MongoTemplate mongo, EventProblemLog problems) {
        this(mongo, problems, WriteTarget.generation(0));
    }

    /** Writing into the generation {@code target} names for each batch (the same for both collections). */
    @Autowired
    public ActivityProjection(MongoTemplate mongo, EventProblemLog problems, WriteTarget target) {
        super(GROUP, problems);
        this.documents = new DocumentBatch<>(GROUP, DocumentStore.perBatch(() -> DocumentStore.inCollection(
                        mongo.getCollection(target.collection(GROUP, "activities")),
                        ActivityDocumentFormat::read, ActivityDocumentFormat::toStored)),
                document -> document.id, this::documentIdToRead);
        this.tallies = new DocumentBatch<>(GROUP + "/tallies",
                TallyStore.batchStore(mongo, () -> target.collection(GROUP, TallyStore.COLLECTION)),
                tally -> tally.promiseId, ActivityProjection::promiseId).writtenFirst();
    }

    /** The promise whose tally an event changes: that of the activity it changes. */
    private static String promiseId(EventMessage<?> event) {
        Class<?> type = event.getPayloadType();
        if (type == ActivityRecorded.class || type == ActivityCorrected.class || type == ActivityRetracted.class) {
            return event.getPayload() instanceof PromiseEvent e ? e.promiseId().value() : null;
        }
        return null;
    }

    /**
     * The activity document an event needs read with the batch: none for an activity recorded after the last event
     * its promise's tally applied ({@link #recordsNewActivity}).
     */
    private String documentIdToRead(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain && event.getPayloadType() == ActivityRecorded.class
               && recordsNewActivity(promiseId(event), domain.getSequenceNumber()) ? null : documentId(event);
    }

    /**
     * Whether the activity an {@code ActivityRecorded} event creates can't be stored yet, so that its document need
     * not be read: it can't when the event comes after the last one its promise's tally applied. An activity id is
     * recorded once, so its document can only come from this event, and a batch writes the tallies before the
     * activities it counts: a document written by an earlier delivery of the event has the tally past it. In a
     * rebuild no document is read (the tallies are empty); a batch delivered again reads them.
     */
    private boolean recordsNewActivity(String promiseId, long sequence) {
        return promiseId != null && sequence > tallies.storedLastSequence(promiseId);
    }

    /** The activity an event changes, read from the payload only for the three activity events. */
    private static String documentId(EventMessage<?> event) {
        Class<?> type = event.getPayloadType();
        if (type == ActivityRecorded.class && event.getPayload() instanceof ActivityRecorded e) {
            return ActivityDocument.id(e.promiseId().value(), e.activityId().value());
        }
        if (type == ActivityCorrected.class && event.getPayload() instanceof ActivityCorrected e) {
            return ActivityDocument.id(e.promiseId().value(), e.activityId().value());
        }
        if (type == ActivityRetracted.class && event.getPayload() instanceof ActivityRetracted e) {
            return ActivityDocument.id(e.promiseId().value(), e.activityId().value());
        }
        return null;
    }

    @EventHandler
    void on(ActivityRecorded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(EventMetadataKeys.USER_ID) String userId) {
        String id = ActivityDocument.id(event.promiseId().value(), event.activityId().value());
        ActivityDocument document = (recordsNewActivity(event.promiseId().value(), sequence)
                ? documents.findNew(id) : documents.find(id)).orElse(null);
        if (document != null && document.lastSequence >= sequence) {
            return;
        }
        Contribution before = document == null ? null : document.contribution();
        document = new ActivityDocument();
        document.id = id;
        document.promiseId = event.promiseId().value();
        document.activityId = event.activityId().value();
        document.apply(event.details());
        document.example = event.example();
        document.recordedAt = recordedAt;
        document.recordedBy = userId;
        save(document, sequence, recordedAt, before);
    }

    @EventHandler
    void on(ActivityCorrected event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        ActivityDocument document = find(event.promiseId().value(), event.activityId().value());
        if (document.lastSequence >= sequence) {
            return;
        }
        Contribution before = document.contribution();
        document.apply(event.details());
        document.corrections++;
        save(document, sequence, recordedAt, before);
    }

    @EventHandler
    void on(ActivityRetracted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        ActivityDocument document = find(event.promiseId().value(), event.activityId().value());
        if (document.lastSequence >= sequence) {
            return;
        }
        Contribution before = document.contribution();
        document.retracted = true;
        document.retractionReason = event.reason();
        save(document, sequence, recordedAt, before);
    }

    private ActivityDocument find(String promiseId, String activityId) {
        return documents.find(ActivityDocument.id(promiseId, activityId)).orElseThrow(() ->
                new IllegalStateException("Activity " + activityId + " of " + promiseId + " has no read model yet"));
    }

    /** {@code before}: what the activity added to the tally before this event. */
    private void save(ActivityDocument document, long sequence, Instant changedAt, Contribution before) {
        document.lastSequence = sequence;
        document.lastChangedAt = changedAt;
        tally(document.promiseId, sequence, changedAt, before, document.contribution());
        documents.save(document);
    }

    private void tally(String promiseId, long sequence, Instant changedAt, Contribution before, Contribution after) {
        PromiseTally tally = tallies.find(promiseId).orElseGet(() -> PromiseTally.empty(promiseId));
        if (tally.lastSequence >= sequence) {
            return;
        }
        if (before != null) {
            tally.tally.remove(before);
        }
        if (after != null) {
            tally.tally.add(after);
        }
        tally.lastSequence = sequence;
        tally.lastChangedAt = changedAt;
        tallies.save(tally);
    }
}
