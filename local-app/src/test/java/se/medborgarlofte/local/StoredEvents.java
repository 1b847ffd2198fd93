package se.medborgarlofte.local;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.ne;
import static org.assertj.core.api.Assertions.assertThat;

/** The events in the store, counted per activity and per promise from their payloads. */
final class StoredEvents {

    private static final Pattern ACTIVITY_ID = Pattern.compile("\"activityId\":\\{\"value\":\"([^\"]+)\"");

    final List<String> eventIds = new ArrayList<>();
    /** Per promise: the aggregate sequence number of its last promise-level (not activity) event. */
    final Map<String, Long> lastPromiseEvent = new HashMap<>();
    /** Per "promise/activity": how many events of each type ("ActivityRecorded", ...). */
    final Map<String, Map<String, Integer>> perActivity = new HashMap<>();
    final Map<String, Integer> assessedPerPromise = new HashMap<>();

    static StoredEvents read(MongoDatabase database) {
        StoredEvents stored = new StoredEvents();
        for (Document event : database.getCollection("events").find(ne("tombstone", true))) {
            stored.eventIds.add(event.getString("eventIdentifier"));
            String promise = event.getString("aggregateIdentifier");
            String type = event.getString("payloadType");
            type = type.substring(type.lastIndexOf('$') + 1);
            if (type.startsWith("Activity")) {
                Matcher activity = ACTIVITY_ID.matcher(event.getString("payload"));
                assertThat(activity.find()).as("activity id in " + event.getString("payload")).isTrue();
                stored.perActivity.computeIfAbsent(promise + "/" + activity.group(1), a -> new HashMap<>())
                        .merge(type, 1, Integer::sum);
            } else {
                stored.lastPromiseEvent.merge(promise, event.getLong("sequenceNumber"), Math::max);
                if (type.equals("CommitmentAssessed")) {
                    stored.assessedPerPromise.merge(promise, 1, Integer::sum);
                }
            }
        }
        return stored;
    }

    /** The store holds each command's event exactly once: nothing lost, nothing stored twice. */
    void assertHolds(ConcurrentWorkload workload) {
        assertThat(perActivity.keySet()).as("activities in the store")
                .containsExactlyInAnyOrderElementsOf(workload.activities.keySet());
        List<String> wrong = new ArrayList<>();
        workload.activities.forEach((id, activity) -> {
            Map<String, Integer> expected = new HashMap<>(Map.of("ActivityRecorded", 1));
            if (activity.corrections > 0) {
                expected.put("ActivityCorrected", activity.corrections);
            }
            if (activity.retracted) {
                expected.put("ActivityRetracted", 1);
            }
            if (!expected.equals(perActivity.get(id))) {
                wrong.add(id + ": " + perActivity.get(id) + " instead of " + expected);
            }
        });
        assertThat(wrong).as("activities whose events in the store differ from the commands").isEmpty();
        for (String promise : workload.promises) {
            assertThat(assessedPerPromise.getOrDefault(promise, 0)).as("assessments of " + promise + " in the store")
                    .isEqualTo(workload.assessmentsOf(promise));
        }
    }
}
