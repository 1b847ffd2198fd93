package se.medborgarlofte.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.ne;

/**
 * Covers the events stored before the hash chain existed: per aggregate one <i>genesis entry</i> (collection
 * {@value #COLLECTION}, {@code _id} = aggregate id) that chains the hashes ({@link EventHash}) of its unhashed events
 * as they are stored on the day it is made, from sequence number 0 on. The first hashed event after them names the
 * genesis hash (the hash of the last covered event) as its previous hash. Made once; safe with several processes
 * (the {@code _id} is unique, the first entry stays).
 */
public final class HashGenesis {

    public static final String COLLECTION = "hashGenesis";
    /** The entry that says every aggregate has been looked at once. */
    private static final String DONE = "*every-aggregate-covered*";
    private static final Logger log = LoggerFactory.getLogger(HashGenesis.class);

    /** A genesis entry: the sequence numbers it covers, their hashes in order, and its own hash (the last of them). */
    public record Genesis(String aggregateIdentifier, List<Long> sequenceNumbers, List<String> eventHashes,
                          String hash) {
        /** The last covered sequence number; -1 for an entry emptied by hand. */
        public long lastSequence() {
            return sequenceNumbers.isEmpty() ? -1 : sequenceNumbers.get(sequenceNumbers.size() - 1);
        }
    }

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> entries;

    public HashGenesis(MongoCollection<Document> events, MongoDatabase database) {
        this.events = events;
        this.entries = database.getCollection(COLLECTION).withWriteConcern(events.getWriteConcern());
    }

    /** Covers every aggregate that has unhashed events; after the first complete run, costs one lookup. */
    public void coverAll() {
        if (entries.find(eq("_id", DONE)).first() != null) {
            return;
        }
        Set<String> aggregates = new LinkedHashSet<>();
        events.find(and(exists("hash", false), ne("tombstone", true)))
                .projection(new Document("aggregateIdentifier", 1))
                .forEach(document -> {
                    if (document.get("aggregateIdentifier") instanceof String aggregate) {
                        aggregates.add(aggregate);
                    }
                });
        int covered = 0;
        for (String aggregate : aggregates) {
            if (cover(aggregate) != null) {
                covered++;
            }
        }
        entries.replaceOne(eq("_id", DONE), new Document("_id", DONE).append("at", new Date())
                .append("aggregates", covered), new ReplaceOptions().upsert(true));
        if (covered > 0) {
            log.info("Hash chain genesis: the events stored before it of {} aggregates are covered", covered);
        }
    }

    /** The aggregate's genesis entry, made now if it has unhashed events from sequence number 0 on; else null. */
    public Genesis cover(String aggregateIdentifier) {
        Genesis existing = find(aggregateIdentifier);
        if (existing != null) {
            return existing;
        }
        List<Document> stored = events.find(eq("aggregateIdentifier", aggregateIdentifier)).into(new ArrayList<>());
        stored.sort(Comparator.comparing(EventDocuments::sequenceNumberOrNull,
                Comparator.nullsLast(Comparator.naturalOrder())));
        List<Long> numbers = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        String previous = null;
        for (Document document : stored) {
            Long sequence = EventDocuments.sequenceNumberOrNull(document);
            if (sequence == null || document.get("hash") != null || Boolean.TRUE.equals(document.get("tombstone"))) {
                break;
            }
            previous = EventHash.of(document, previous);
            numbers.add(sequence);
            hashes.add(previous);
        }
        if (numbers.isEmpty()) {
            return null;
        }
        Document entry = new Document("_id", aggregateIdentifier).append("aggregateIdentifier", aggregateIdentifier)
                .append("sequenceNumbers", numbers).append("eventHashes", hashes).append("hash", previous)
                .append("createdAt", new Date());
        try {
            entries.insertOne(entry);
            return read(entry);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return find(aggregateIdentifier); // another process made it first
        }
    }

    /** The aggregate's genesis entry, or null. */
    public Genesis find(String aggregateIdentifier) {
        Document entry = entries.find(eq("_id", aggregateIdentifier)).first();
        return entry == null ? null : read(entry);
    }

    /** Every genesis entry (for the daily anchor: aggregates whose events are all older than the chain). */
    public List<Genesis> all() {
        List<Genesis> all = new ArrayList<>();
        entries.find(exists("aggregateIdentifier", true)).forEach(entry -> all.add(read(entry)));
        return all;
    }

    private static Genesis read(Document entry) {
        List<Long> numbers = new ArrayList<>();
        for (Object number : entry.getList("sequenceNumbers", Object.class, List.of())) {
            numbers.add(((Number) number).longValue());
        }
        return new Genesis(entry.getString("aggregateIdentifier"), numbers,
                entry.getList("eventHashes", String.class, List.of()), entry.getString("hash"));
    }
}
