package se.medborgarlofte.eventstore;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;

/**
 * Links each appended event to the previous event of its aggregate: sets {@code previousHash} and {@code hash}
 * ({@link EventHash}) on the document before it is inserted.
 * <p>
 * The previous hash comes without a round trip in the usual case: a bounded map remembers each aggregate's last
 * known event (sequence number and hash), filled when events are appended and when an aggregate's events are read
 * (the command side loads an aggregate before it appends to it). On a miss, one lookup by {@code _id} of sequence
 * number - 1. Facts keyed by sequence number never change (the unique index refuses a second writer of the same
 * number), so what is remembered stays true with several writers. An event whose predecessor is unhashed (stored
 * before the chain) chains to its aggregate's {@link HashGenesis} entry, made on the spot if need be.
 */
final class ChainLinker {

    private static final int REMEMBERED = 10_000;

    private record Head(long sequence, String hash) {
    }

    private final MongoCollection<Document> events;
    private final HashGenesis genesis;
    private final Map<String, Head> heads = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
            return size() > REMEMBERED;
        }
    });

    ChainLinker(MongoCollection<Document> events, HashGenesis genesis) {
        this.events = events;
        this.genesis = genesis;
    }

    /** Adds {@code previousHash} and {@code hash} to the documents, in order. */
    void link(List<Document> documents) {
        Map<String, Head> batch = new HashMap<>();
        for (Document document : documents) {
            String aggregate = document.getString("aggregateIdentifier");
            long sequence = EventDocuments.number(document, "sequenceNumber");
            String previous = sequence == 0 ? null : previousHash(aggregate, sequence, batch.get(aggregate));
            String hash = EventHash.of(document, previous);
            document.append("previousHash", previous).append("hash", hash);
            batch.put(aggregate, new Head(sequence, hash));
        }
    }

    /** Remembers the hashes of documents that are stored now. */
    void stored(List<Document> documents) {
        documents.forEach(this::seen);
    }

    /** Remembers the hash of a stored document that was read or written. */
    void seen(Document document) {
        Long sequence = EventDocuments.sequenceNumberOrNull(document);
        if (document.get("hash") instanceof String hash && document.get("aggregateIdentifier") instanceof String id
            && sequence != null) {
            Head head = new Head(sequence, hash);
            heads.merge(id, head, (known, now) -> now.sequence() >= known.sequence() ? now : known);
        }
    }

    private String previousHash(String aggregate, long sequence, Head inBatch) {
        if (inBatch != null && inBatch.sequence() == sequence - 1) {
            return inBatch.hash();
        }
        Head known = heads.get(aggregate);
        if (known != null && known.sequence() == sequence - 1) {
            return known.hash();
        }
        Document previous = events.find(eq("_id", EventDocuments.id(aggregate, sequence - 1)))
                .projection(new Document("hash", 1).append("aggregateIdentifier", 1).append("sequenceNumber", 1))
                .first();
        if (previous == null) {
            return null;
        }
        if (previous.get("hash") instanceof String hash) {
            return hash;
        }
        HashGenesis.Genesis covering = genesis.cover(aggregate);
        return covering != null && covering.lastSequence() == sequence - 1 ? covering.hash() : null;
    }
}
