package se.medborgarlofte.eventstore.integrity;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.medborgarlofte.eventstore.EventDocuments;
import se.medborgarlofte.eventstore.EventHash;
import se.medborgarlofte.eventstore.HashGenesis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.ne;

/**
 * The daily anchor: every promise's head hash (the hash of its last event, or of its genesis entry), sorted by
 * promise id, combined into one SHA-256 ({@link EventHash#ofParts}: {@value #VERSION}, the day, then per promise its
 * id, last sequence number and head hash). Stored in {@value #COLLECTION} under the day, once: a second process
 * computing the same day keeps the first anchor; the heads it combined are kept beside it, so that a published anchor
 * can be recomputed later and each head compared with the event stored under it. It is published outside the
 * database (the public feed, the BRÅ report), because an anchor kept only beside the events could be rewritten with
 * them.
 */
public final class HashAnchors {

    public static final String COLLECTION = "hashAnchors";
    static final String VERSION = "medborgarlofte-anchor-v1";
    private static final Logger log = LoggerFactory.getLogger(HashAnchors.class);

    /** One day's anchor. */
    public record Anchor(LocalDate day, String anchor, int promises, Instant computedAt) {
    }

    private record Head(long sequence, String hash) {
    }

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> anchors;
    private final HashGenesis genesis;

    public HashAnchors(MongoCollection<Document> events, MongoDatabase database, HashGenesis genesis) {
        this.events = events;
        this.anchors = database.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        this.genesis = genesis;
    }

    /** The anchor of {@code day}: the stored one, or computed now, stored and logged. */
    public Anchor anchorFor(LocalDate day, Instant now) {
        Optional<Anchor> stored = find(day);
        if (stored.isPresent()) {
            return stored.get();
        }
        Map<String, Head> heads = heads();
        List<String> parts = new ArrayList<>(List.of(VERSION, day.toString()));
        heads.forEach((promise, head) -> parts.addAll(List.of(promise, Long.toString(head.sequence()), head.hash())));
        Anchor anchor = new Anchor(day, EventHash.ofParts(parts), heads.size(),
                now.truncatedTo(ChronoUnit.MILLIS)); // as stored: a BSON date holds milliseconds
        try {
            anchors.insertOne(new Document("_id", day.toString()).append("anchor", anchor.anchor())
                    .append("promises", anchor.promises()).append("computedAt", Date.from(anchor.computedAt()))
                    .append("heads", heads.entrySet().stream().map(head -> new Document("promise", head.getKey())
                            .append("sequenceNumber", head.getValue().sequence())
                            .append("hash", head.getValue().hash())).toList()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return find(day).orElseThrow(); // another process stored the day's anchor first
        }
        log.info("Hash chain anchor of {}: {} over the head hashes of {} promises", day, anchor.anchor(),
                anchor.promises());
        return anchor;
    }

    public Optional<Anchor> find(LocalDate day) {
        return Optional.ofNullable(anchors.find(eq("_id", day.toString())).first()).map(HashAnchors::read);
    }

    /** The newest {@code count} anchors, newest first. */
    public List<Anchor> latest(int count) {
        List<Anchor> latest = new ArrayList<>();
        anchors.find().sort(Sorts.descending("_id")).limit(count).forEach(document -> latest.add(read(document)));
        return latest;
    }

    private Map<String, Head> heads() {
        Map<String, Head> heads = new TreeMap<>();
        genesis.all().forEach(entry -> heads.put(entry.aggregateIdentifier(),
                new Head(entry.lastSequence(), entry.hash())));
        events.find(and(exists("hash", true), ne("tombstone", true)))
                .projection(new Document("aggregateIdentifier", 1).append("sequenceNumber", 1).append("hash", 1))
                .forEach(document -> {
                    Long sequence = EventDocuments.sequenceNumberOrNull(document);
                    if (sequence != null && document.get("hash") instanceof String hash
                        && document.get("aggregateIdentifier") instanceof String promise) {
                        heads.merge(promise, new Head(sequence, hash),
                                (known, now) -> now.sequence() > known.sequence() ? now : known);
                    }
                });
        return heads;
    }

    private static Anchor read(Document document) {
        return new Anchor(LocalDate.parse(document.getString("_id")), document.getString("anchor"),
                document.getInteger("promises", 0), document.getDate("computedAt").toInstant());
    }
}
