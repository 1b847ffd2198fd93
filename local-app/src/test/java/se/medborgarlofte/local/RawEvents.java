package se.medborgarlofte.local;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import se.medborgarlofte.eventstore.AxonSerialization;

import java.util.Date;

import static com.mongodb.client.model.Filters.eq;

/** Event documents written straight into the store, as a damaged writer or an operator's hand would leave them. */
final class RawEvents {

    private RawEvents() {
    }

    /** Appends a document the way the engine would, with a proper global sequence number. */
    static void insert(MongoDatabase database, String aggregate, long sequence, String payloadType, String payload) {
        database.getCollection("events").insertOne(new Document("_id", aggregate + "/" + sequence)
                .append("globalIndex", nextGlobalIndex(database))
                .append("aggregateIdentifier", aggregate)
                .append("sequenceNumber", sequence)
                .append("type", "Promise")
                .append("eventIdentifier", aggregate + "-" + sequence)
                .append("timestamp", new Date())
                .append("payloadType", payloadType)
                .append("payloadRevision", null)
                .append("payload", payload)
                .append("metaData", "{}"));
    }

    /** The next global sequence number, taken from the counter document as the engine takes it ({@code $inc}). */
    static long nextGlobalIndex(MongoDatabase database) {
        Document counter = database.getCollection("eventCounters").findOneAndUpdate(eq("_id", "globalIndex"),
                Updates.inc("value", 1L), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return counter.getLong("value");
    }

    /** The payload as the engine stores it. */
    static String json(Object payload) {
        return AxonSerialization.serializer().serialize(payload, String.class).getData();
    }
}
