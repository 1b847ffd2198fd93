package se.medborgarlofte.local;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.Segment;
import org.bson.Document;
import org.bson.types.Binary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/** Read-model documents and tracking tokens as {@link QuerySideKillTest} compares them. */
final class ReadModelState {

    private static final Pattern CURRENT_INDEX = Pattern.compile("\"currentToken\":\\{[^{}]*\"index\":(\\d+)");
    private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");
    private static final Pattern ACTIVITY_ID = Pattern.compile("\"activityId\":\\{\"value\":\"([^\"]+)\"");

    private ReadModelState() {
    }

    /** Field for field; a failure names the documents and fields that differ instead of printing everything. */
    static void assertSameDocuments(String collection, Map<String, Document> afterKill,
                                    Map<String, Document> cleanReplay) {
        List<String> differences = new ArrayList<>();
        Set<String> ids = new java.util.TreeSet<>(afterKill.keySet());
        ids.addAll(cleanReplay.keySet());
        for (String id : ids) {
            Document actual = afterKill.get(id);
            Document reference = cleanReplay.get(id);
            if (actual == null || reference == null) {
                differences.add(id + ": " + (actual == null ? "missing after the kill" : "missing in the clean replay"));
                continue;
            }
            Set<String> fields = new java.util.TreeSet<>(actual.keySet());
            fields.addAll(reference.keySet());
            for (String field : fields) {
                if (!java.util.Objects.equals(actual.get(field), reference.get(field))) {
                    differences.add(id + "." + field + ": " + actual.get(field) + " after the kill, "
                                    + reference.get(field) + " in the clean replay");
                }
            }
        }
        if (!differences.isEmpty()) {
            fail(differences.size() + " differences in " + collection + " between kill-and-restart and a clean replay, "
                 + "e.g.:\n" + String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
        }
    }

    /**
     * A commitment's counted kinds are a set, stored in the iteration order of the JVM that wrote them (immutable
     * sets are ordered by a per-JVM random salt), so two query-side processes may store them in different orders.
     */
    static Map<String, Document> withSortedKinds(Map<String, Document> promises) {
        promises.values().forEach(promise -> promise.getList("commitments", Document.class).forEach(commitment ->
                commitment.put("countedKinds", commitment.getList("countedKinds", String.class).stream().sorted().toList())));
        return promises;
    }

    static Map<String, Document> documents(MongoDatabase database, String collection) {
        Map<String, Document> documents = new HashMap<>();
        for (Document document : database.getCollection(collection).find()) {
            Document previous = documents.put(String.valueOf(document.get("_id")), document);
            if (previous != null) {
                fail("two documents with _id " + document.get("_id") + " in " + collection);
            }
        }
        return documents;
    }

    /** The index each segment's token of a processing group stands at (in a replay: the replay's current position). */
    static Map<Integer, Long> tokenIndexes(MongoDatabase database, String processor) {
        Map<Integer, Long> indexes = new TreeMap<>();
        for (Document token : database.getCollection("trackingtokens").find(new Document("processorName", processor))) {
            Object raw = token.get("token");
            String json = raw instanceof Binary binary ? new String(binary.getData(), StandardCharsets.UTF_8)
                    : String.valueOf(raw);
            Matcher current = CURRENT_INDEX.matcher(json);
            Matcher plain = INDEX.matcher(json);
            long index = current.find() ? Long.parseLong(current.group(1))
                    : plain.find() ? Long.parseLong(plain.group(1)) : 0;
            indexes.put(token.getInteger("segment"), index);
        }
        return indexes;
    }

    /**
     * Activity events behind which the killed process left no token, though their effect is already in the read
     * model: the restarted process gets them again, and must skip them rather than count them twice.
     */
    static int appliedButNotCommitted(MongoDatabase database, Map<Integer, Long> tokens) {
        int[] segmentIds = tokens.keySet().stream().mapToInt(Integer::intValue).toArray();
        Map<String, Document> activities = documents(database, "activities");
        int count = 0;
        for (Document event : database.getCollection("events").find()) {
            String type = event.getString("payloadType");
            if (type == null || !type.contains("$Activity")) {
                continue;
            }
            String promiseId = event.getString("aggregateIdentifier");
            int segmentId = Arrays.stream(segmentIds)
                    .filter(id -> Segment.computeSegment(id, segmentIds).matches(promiseId)).findFirst().orElseThrow();
            if (event.getLong("globalIndex") <= tokens.get(segmentId)) {
                continue;
            }
            Matcher activityId = ACTIVITY_ID.matcher(event.getString("payload"));
            Document activity = activityId.find() ? activities.get(promiseId + "/" + activityId.group(1)) : null;
            if (activity != null && activity.getLong("lastSequence") >= event.getLong("sequenceNumber")) {
                count++;
            }
        }
        return count;
    }
}
