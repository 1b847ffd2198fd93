package se.medborgarlofte.query.activity;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.query.tally.Contribution;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Read model of one activity in its current state (corrections applied, retraction flagged). The id is
 * {@code promiseId/activityId}; {@code lastSequence} makes redelivery harmless. Indexes (created at start by
 * {@code ReadModelIndexes}): the activity log of a promise in its order (newest first, then by id), so its
 * filters and its export read only that promise's entries and never sort in memory; and a promise's latest change.
 */
@Document("#{@readModelCollections.name('activities')}")
@CompoundIndexes({
        @CompoundIndex(name = "promise_log", def = "{'promiseId': 1, 'occurredOn': -1, 'activityId': 1}"),
        @CompoundIndex(name = "promise_latest_change", def = "{'promiseId': 1, 'lastSequence': -1}")})
public class ActivityDocument {

    @Id
    public String id;
    public String promiseId;
    public String activityId;
    public ActivityKind kind;
    public LocalDate occurredOn;
    public String place;
    public Party performedBy;
    public List<String> commitmentIds;
    public List<String> participants;
    public Map<String, Integer> outcomes;
    public String notes;
    public String municipality;
    public String publicPlace;
    public String causedBy;
    public boolean completes;
    public boolean example;
    public boolean retracted;
    public String retractionReason;
    public Instant recordedAt;
    public String recordedBy;
    public Instant lastChangedAt;
    public int corrections;
    public long lastSequence = -1;

    static String id(String promiseId, String activityId) {
        return promiseId + "/" + activityId;
    }

    void apply(ActivityDetails details) {
        kind = details.kind();
        occurredOn = details.occurredOn();
        place = details.place();
        performedBy = details.performedBy();
        commitmentIds = details.commitmentIds().stream().map(CommitmentId::value).toList();
        participants = details.participants();
        outcomes = details.outcomes();
        notes = details.notes();
        municipality = details.municipality();
        publicPlace = details.publicPlace();
        causedBy = details.causedBy();
        completes = details.completes();
    }

    /** What this activity adds to its promise's tally: nothing once retracted. */
    public Contribution contribution() {
        return retracted ? null : new Contribution(kind, occurredOn, commitmentIds, municipality, outcomes, completes);
    }

    /** The place as it may be published: the coarser public place where one was given. */
    public String placeForPublic() {
        return ActivityDetails.placeForPublic(place, publicPlace);
    }
}
