package se.medborgarlofte.query.activity;

import org.bson.Document;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Party;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link ActivityDocument} in its stored form and back, field by field, exactly as Spring Data's converter stores
 * it (the other readers of the collection use the converter): written for the activity log's batches, where the
 * converter's reflection took a fifth of the processor's CPU time in a replay (Java Flight Recorder).
 */
final class ActivityDocumentFormat {

    private static final String TYPE_HINT = ActivityDocument.class.getName();

    private ActivityDocumentFormat() {
    }

    static Document toStored(ActivityDocument activity) {
        Document stored = new Document();
        put(stored, "_id", activity.id);
        put(stored, "promiseId", activity.promiseId);
        put(stored, "activityId", activity.activityId);
        put(stored, "kind", activity.kind == null ? null : activity.kind.name());
        put(stored, "occurredOn", activity.occurredOn == null ? null : date(activity.occurredOn));
        put(stored, "place", activity.place);
        put(stored, "performedBy", activity.performedBy == null ? null : activity.performedBy.name());
        put(stored, "commitmentIds", activity.commitmentIds == null ? null : new ArrayList<>(activity.commitmentIds));
        put(stored, "participants", activity.participants == null ? null : new ArrayList<>(activity.participants));
        put(stored, "outcomes", activity.outcomes == null ? null : new Document(new LinkedHashMap<>(activity.outcomes)));
        put(stored, "notes", activity.notes);
        put(stored, "municipality", activity.municipality);
        put(stored, "publicPlace", activity.publicPlace);
        put(stored, "causedBy", activity.causedBy);
        stored.put("completes", activity.completes);
        stored.put("example", activity.example);
        stored.put("retracted", activity.retracted);
        put(stored, "retractionReason", activity.retractionReason);
        put(stored, "recordedAt", activity.recordedAt == null ? null : Date.from(activity.recordedAt));
        put(stored, "recordedBy", activity.recordedBy);
        put(stored, "lastChangedAt", activity.lastChangedAt == null ? null : Date.from(activity.lastChangedAt));
        stored.put("corrections", activity.corrections);
        stored.put("lastSequence", activity.lastSequence);
        stored.put("_class", TYPE_HINT);
        return stored;
    }

    static ActivityDocument read(Document stored) {
        ActivityDocument activity = new ActivityDocument();
        activity.id = stored.getString("_id");
        activity.promiseId = stored.getString("promiseId");
        activity.activityId = stored.getString("activityId");
        String kind = stored.getString("kind");
        activity.kind = kind == null ? null : ActivityKind.valueOf(kind);
        Date occurredOn = stored.getDate("occurredOn");
        activity.occurredOn = occurredOn == null ? null : LocalDate.ofInstant(occurredOn.toInstant(), ZoneId.systemDefault());
        activity.place = stored.getString("place");
        String performedBy = stored.getString("performedBy");
        activity.performedBy = performedBy == null ? null : Party.valueOf(performedBy);
        activity.commitmentIds = strings(stored, "commitmentIds");
        activity.participants = strings(stored, "participants");
        Document outcomes = stored.get("outcomes", Document.class);
        if (outcomes != null) {
            activity.outcomes = new LinkedHashMap<>();
            outcomes.forEach((measure, value) -> activity.outcomes.put(measure, ((Number) value).intValue()));
        }
        activity.notes = stored.getString("notes");
        activity.municipality = stored.getString("municipality");
        activity.publicPlace = stored.getString("publicPlace");
        activity.causedBy = stored.getString("causedBy");
        activity.completes = stored.getBoolean("completes", false);
        activity.example = stored.getBoolean("example", false);
        activity.retracted = stored.getBoolean("retracted", false);
        activity.retractionReason = stored.getString("retractionReason");
        activity.recordedAt = instant(stored, "recordedAt");
        activity.recordedBy = stored.getString("recordedBy");
        activity.lastChangedAt = instant(stored, "lastChangedAt");
        activity.corrections = stored.get("corrections") instanceof Number n ? n.intValue() : 0;
        activity.lastSequence = stored.get("lastSequence") instanceof Number n ? n.longValue() : -1;
        return activity;
    }

    /** As the converter stores a {@link LocalDate}: the start of the day in the system's time zone. */
    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }

    private static Instant instant(Document stored, String field) {
        Date date = stored.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static List<String> strings(Document stored, String field) {
        List<?> values = stored.get(field, List.class);
        if (values == null) {
            return null;
        }
        List<String> strings = new ArrayList<>(values.size());
        values.forEach(value -> strings.add((String) value));
        return strings;
    }

    /** The converter leaves out a property that is null. */
    private static void put(Document stored, String field, Object value) {
        if (value != null) {
            stored.put(field, value);
        }
    }
}
