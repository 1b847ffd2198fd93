package se.medborgarlofte.query.activity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
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
 * it, and older or repeated events are skipped.
 */
@Component
@ProcessingGroup(ActivityProjection.GROUP)
public class ActivityProjection extends ProjectionBase {

    public static final String GROUP = "activities";

    private final MongoTemplate mongo;

    public ActivityProjection(MongoTemplate mongo, EventProblemLog problems) {
        super(GROUP, problems);
        this.mongo = mongo;
    }

    @EventHandler
    void on(ActivityRecorded event, @SequenceNumber long sequence, @Timestamp Instant recordedAt,
            @MetaDataValue(EventMetadataKeys.USER_ID) String userId) {
        String id = ActivityDocument.id(event.promiseId().value(), event.activityId().value());
        ActivityDocument document = mongo.findById(id, ActivityDocument.class);
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
        ActivityDocument document = mongo.findById(ActivityDocument.id(promiseId, activityId), ActivityDocument.class);
        if (document == null) {
            throw new IllegalStateException("Activity " + activityId + " of " + promiseId + " has no read model yet");
        }
        return document;
    }

    private void save(ActivityDocument document, long sequence, Instant changedAt) {
        document.lastSequence = sequence;
        document.lastChangedAt = changedAt;
        mongo.save(document);
    }
}
