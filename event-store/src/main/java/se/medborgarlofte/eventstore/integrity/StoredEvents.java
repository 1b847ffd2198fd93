package se.medborgarlofte.eventstore.integrity;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.util.TreeMap;

import static com.mongodb.client.model.Filters.eq;

/** The stored documents of one aggregate, by sequence number (taken from the unique {@code _id}). */
final class StoredEvents {

    private StoredEvents() {
    }

    static TreeMap<Long, Document> of(MongoCollection<Document> events, String aggregateIdentifier,
                                      Document projection) {
        TreeMap<Long, Document> bySequence = new TreeMap<>();
        var query = events.find(eq("aggregateIdentifier", aggregateIdentifier));
        (projection == null ? query : query.projection(projection)).forEach(document -> {
            Long sequence = sequence(document.get("_id"), aggregateIdentifier);
            if (sequence != null && !Boolean.TRUE.equals(document.get("tombstone"))) {
                bySequence.put(sequence, document);
            }
        });
        return bySequence;
    }

    private static Long sequence(Object id, String aggregateIdentifier) {
        if (id instanceof String text && text.startsWith(aggregateIdentifier + "/")) {
            try {
                return Long.parseLong(text.substring(aggregateIdentifier.length() + 1));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }
}
