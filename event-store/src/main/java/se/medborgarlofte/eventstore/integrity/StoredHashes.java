package se.medborgarlofte.eventstore.integrity;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import se.medborgarlofte.eventstore.HashGenesis;
import se.medborgarlofte.eventstore.HashGenesis.Genesis;

import java.util.HashMap;
import java.util.Map;

/**
 * Each event's hash and previous hash as stored, for the history export: one query for the aggregate's events (only
 * the hash fields) and one for its genesis entry, whose covered events get the hashes the entry recorded.
 */
public final class StoredHashes {

    /** One event's link in the chain; either may be null (an event outside the chain, the first event). */
    public record Link(String hash, String previousHash) {
    }

    private final MongoCollection<Document> events;
    private final HashGenesis genesis;

    public StoredHashes(MongoCollection<Document> events, HashGenesis genesis) {
        this.events = events;
        this.genesis = genesis;
    }

    /** The links by sequence number. */
    public Map<Long, Link> of(String aggregateIdentifier) {
        Map<Long, Link> links = new HashMap<>();
        Genesis covered = genesis.find(aggregateIdentifier);
        if (covered != null) {
            for (int i = 0; i < covered.sequenceNumbers().size() && i < covered.eventHashes().size(); i++) {
                links.put(covered.sequenceNumbers().get(i), new Link(covered.eventHashes().get(i),
                        i == 0 ? null : covered.eventHashes().get(i - 1)));
            }
        }
        StoredEvents.of(events, aggregateIdentifier, new Document("hash", 1).append("previousHash", 1))
                .forEach((sequence, document) -> {
                    if (document.get("hash") instanceof String hash) {
                        links.put(sequence, new Link(hash, document.get("previousHash") instanceof String previous
                                ? previous : null));
                    }
                });
        return links;
    }
}
