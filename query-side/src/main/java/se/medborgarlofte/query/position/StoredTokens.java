package se.medborgarlofte.query.position;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.eq;

/**
 * The tokens a processing group's segments have stored in Axon's MongoDB token store, read without claiming them
 * (the token store's own {@code fetchToken} claims): how far the replica that holds a segment has committed it.
 */
public final class StoredTokens {

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;

    public StoredTokens(MongoCollection<Document> tokens, Serializer serializer) {
        this.tokens = tokens;
        this.serializer = serializer;
    }

    /** By segment id; a segment that has stored no token yet maps to null. */
    public Map<Integer, TrackingToken> of(String processingGroup) {
        Map<Integer, TrackingToken> stored = new TreeMap<>();
        for (Document entry : tokens.find(eq("processorName", processingGroup))) {
            stored.put(entry.getInteger("segment"), token(entry.get("token"), entry.getString("tokenType")));
        }
        return stored;
    }

    private TrackingToken token(Object data, String type) {
        if (data == null || type == null) {
            return null;
        }
        byte[] bytes = data instanceof Binary binary ? binary.getData()
                : data instanceof byte[] raw ? raw : String.valueOf(data).getBytes(StandardCharsets.UTF_8);
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }
}
