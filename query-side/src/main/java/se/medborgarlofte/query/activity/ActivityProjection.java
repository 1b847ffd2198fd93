package se.medborgarlofte.query.activity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import se.medborgarlofte.query.batch.DocumentBatch;
import se.medborgarlofte.query.problems.EventProblemLog;
import se.medborgarlofte.query.problems.ProjectionBase;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import se.medborgarlofte.events.EventMetadataKeys;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;

import java.time.Instant;

/**
 * The activity log. Idempotent: a document remembers the aggregate sequence number of the last event applied to
 * it, and older or repeated events are skipped. The documents a batch of events changes are read with one query and
 * written with one bulk write ({@link DocumentBatch}).
 */
@Component
@ProcessingGroup(ActivityProjection.GROUP)
public class ActivityProjection extends ProjectionBase {

    public static final String GROUP = "activities";

    private final DocumentBatch<ActivityDocument> documents;

    public ActivityProjection(MongoTemplate mongo, EventProblemLog problems) {
        super(GROUP, problems);
        this.documents = new DocumentBatch<>(GROUP,
                DocumentBatch.inCollection(mongo, ActivityDocument.class, document -> document.id),
                document -> document.id, ActivityProjection::documentId);
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
        ActivityDocument document = documents.find(id).orElse(null);
        if (document != null && document.lastSequence >= sequence) {
            return;
        }
        document = new ActivityDocument();
        document.id = id;
        document.promiseId = event.promiseId().value();
        document.activityId = event.activityId().value();
        document.apply(event.details());
        document.example = event.example();
        document.recordedAt = recordedAt;
        document.recordedBy = userId;
        save(document, sequence, recordedAt);
    }

    @EventHandler
    void on(ActivityCorrected event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        ActivityDocument document = find(event.promiseId().value(), event.activityId().value());
        if (document.lastSequence >= sequence) {
            return;
        }
        document.apply(event.details());
        document.corrections++;
        save(document, sequence, recordedAt);
    }

    @EventHandler
    void on(ActivityRetracted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        ActivityDocument document = find(event.promiseId().value(), event.activityId().value());
        if (document.lastSequence >= sequence) {
            return;
        }
        document.retracted = true;
        document.retractionReason = event.reason();
        save(document, sequence, recordedAt);
    }

    private ActivityDocument find(String promiseId, String activityId) {
        return documents.find(ActivityDocument.id(promiseId, activityId)).orElseThrow(() ->
                new IllegalStateException("Activity " + activityId + " of " + promiseId + " has no read model yet"));
    }

    private void save(ActivityDocument document, long sequence, Instant changedAt) {
        document.lastSequence = sequence;
        document.lastChangedAt = changedAt;
        documents.save(document);
    }
}
