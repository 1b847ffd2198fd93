package se.medborgarlofte.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

/**
 * An Axon event storage engine on the MongoDB Java driver that never skips an event.
 *
 * <ul>
 *   <li>Every appended event gets a <b>global sequence number</b> from a counter document ({@code $inc}), then is
 *   inserted. Unique indexes: {@code _id = aggregateId/sequenceNumber} (and aggregate id + sequence number, for
 *   range queries on a real server) and {@code globalIndex}.</li>
 *   <li>Readers track with Axon's {@link GapAwareTrackingToken}: a number that is allocated but not visible yet
 *   (a writer between {@code $inc} and insert) is a <i>gap</i>, and is read again on every poll until it appears.
 *   A writer whose append fails (a conflict, an error) closes its own numbers with <i>tombstones</i> at once;
 *   a gap that stays empty longer than {@code gapTimeout} (its writer died) is closed by a reader the same way.
 *   A writer that finds its number taken (closed meanwhile, or handed out twice by a server whose {@code $inc} is
 *   not atomic) stores the event again under a new number: nothing is skipped and nothing is lost. The unique index on {@code globalIndex} makes this safe.</li>
 *   <li>Reads ask for exact numbers ({@code globalIndex $in [next batch, gaps]}), so every read is an index lookup
 *   on any MongoDB server, including the embedded one, whatever the size of the store. The token holds only the
 *   open gaps, so it stays small.</li>
 * </ul>
 */
public class SequencedMongoEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(SequencedMongoEventStorageEngine.class);
    static final String COUNTER_ID = "globalIndex";
    static final String GLOBAL_INDEX_NAME = "globalIndex_unique";
    private static final int AGGREGATE_CHUNK = 64;
    /** Set here, not left to the server's defaults: an answered append survives a crash and a failover. */
    static final WriteConcern DURABLE = WriteConcern.MAJORITY.withJournal(true);

    /** Appends: acknowledged by a majority, from the journal (on the embedded server: synced to disk). */
    private final MongoCollection<Document> events;
    /** The stream the read models follow: only what a majority has, so no failover can take back what they saw. */
    private final MongoCollection<Document> committedEvents;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final Duration gapTimeout;
    private final AppendHook appendHook;
    /** When this process first saw each open gap (monotonic nanos). */
    private final Map<Long, Long> gapsFirstSeen = new ConcurrentHashMap<>();

    protected SequencedMongoEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(builder.eventsCollection).withWriteConcern(DURABLE);
        this.committedEvents = events.withReadConcern(ReadConcern.MAJORITY);
        this.snapshots = builder.database.getCollection(builder.snapshotsCollection);
        this.counters = builder.database.getCollection(builder.countersCollection);
        this.gapTimeout = builder.gapTimeout;
        this.appendHook = builder.appendHook;
        ensureIndexes();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the indexes and the counter if they are missing; safe to run from several processes at once. */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending("globalIndex"), new IndexOptions().unique(true).name(GLOBAL_INDEX_NAME));
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                new IndexOptions().unique(true).name("aggregate_sequence_unique"));
        events.createIndex(Indexes.ascending("timestamp"), new IndexOptions().name("timestamp"));
        try {
            counters.updateOne(eq("_id", COUNTER_ID), Updates.setOnInsert("value", 0L), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    // --- append ---------------------------------------------------------------------------------------------

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.isEmpty()) {
            return;
        }
        List<? extends EventMessage<?>> pending = messages;
        for (int attempt = 1; ; attempt++) {
            int stored = insertWithNewNumbers(pending, serializer, attempt);
            if (stored == pending.size()) {
                return;
            }
            pending = pending.subList(stored, pending.size());
        }
    }

    /**
     * Takes numbers for the events and inserts them in order. Returns how many were stored before one of the numbers
     * turned out to be taken already (by a reader that gave it up, or by a second writer where the server's
     * {@code $inc} is not atomic, as in the embedded server); the caller stores the rest with new numbers. Any other
     * failure closes this writer's unused numbers and is thrown.
     */
    private int insertWithNewNumbers(List<? extends EventMessage<?>> messages, Serializer serializer, int attempt) {
        long last = allocate(messages.size());
        long first = last - messages.size() + 1;
        try {
            appendHook.afterAllocation(first, messages.size());
            List<Document> documents = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                documents.add(toDocument(messages.get(i), first + i, serializer));
            }
            if (documents.size() == 1) {
                events.insertOne(documents.get(0));
            } else {
                events.insertMany(documents, new InsertManyOptions().ordered(true));
            }
            return messages.size();
        } catch (MongoWriteException e) {
            if (numberTaken(e.getError().getCategory(), e.getError().getMessage(), attempt)) {
                return 0;
            }
            closeOwnNumbers(first, last);
            throw translate(e.getError().getCategory(), e.getError().getMessage(), e, messages.get(0));
        } catch (MongoBulkWriteException e) {
            var error = e.getWriteErrors().get(0);
            ErrorCategory category = ErrorCategory.fromErrorCode(error.getCode());
            closeOwnNumbers(first + error.getIndex() + 1, last);
            if (numberTaken(category, error.getMessage(), attempt)) {
                return error.getIndex();
            }
            closeOwnNumbers(first + error.getIndex(), first + error.getIndex());
            throw translate(category, error.getMessage(), e, messages.get(error.getIndex()));
        } catch (RuntimeException e) {
            closeOwnNumbers(first, last);
            throw e;
        }
    }

    private static boolean numberTaken(ErrorCategory category, String message, int attempt) {
        boolean taken = category == ErrorCategory.DUPLICATE_KEY && message != null && message.contains(GLOBAL_INDEX_NAME);
        if (taken && attempt >= 20) {
            throw new EventStoreException("Could not get a free global sequence number in " + attempt + " attempts");
        }
        return taken;
    }

    /**
     * A writer that took numbers and failed closes them itself, so readers need not wait for the gap timeout.
     * Best effort: if this fails too, the readers close them after the timeout.
     */
    private void closeOwnNumbers(long from, long to) {
        for (long number = from; number <= to; number++) {
            try {
                insertTombstone(number);
            } catch (RuntimeException e) {
                log.warn("Could not close global sequence number {} after a failed append; readers will after the "
                         + "gap timeout", number, e);
            }
        }
    }

    /** A tombstone is a document of its own (own aggregate id), so it can only clash on its global number. */
    private void insertTombstone(long number) {
        String id = "tombstone/" + number;
        try {
            events.insertOne(new Document("_id", id).append("globalIndex", number)
                    .append("aggregateIdentifier", id).append("sequenceNumber", 0L)
                    .append("tombstone", true).append("timestamp", new Date()));
        } catch (MongoWriteException e) {
            String message = e.getError().getMessage();
            boolean numberTaken = e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                                  && (message.contains(GLOBAL_INDEX_NAME) || message.contains(id));
            if (!numberTaken) {
                throw e;
            }
            // the number is filled, or already closed: either way it is no longer open
        }
    }

    private long allocate(int count) {
        Document counter = counters.findOneAndUpdate(eq("_id", COUNTER_ID), Updates.inc("value", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get("value")).longValue();
    }

    private RuntimeException translate(ErrorCategory category, String message, Exception cause, EventMessage<?> event) {
        if (category == ErrorCategory.DUPLICATE_KEY) {
            String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "?";
            return new ConcurrencyException("Another change to aggregate " + aggregate
                                            + " was stored concurrently", cause);
        }
        return new EventStoreException("Could not append events: " + message, cause);
    }

    /** How an event is stored: one document, payload and metadata as JSON text. */
    public static Document toDocument(EventMessage<?> event, long globalIndex, Serializer serializer) {
        SerializedObject<String> payload = serializer.serialize(event.getPayload(), String.class);
        SerializedObject<String> metaData = serializer.serialize(event.getMetaData(), String.class);
        String aggregateIdentifier;
        long sequenceNumber;
        String type;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateIdentifier = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
            type = domain.getType();
        } else {
            aggregateIdentifier = event.getIdentifier();
            sequenceNumber = 0;
            type = null;
        }
        return new Document("_id", aggregateIdentifier + "/" + sequenceNumber)
                .append("globalIndex", globalIndex)
                .append("aggregateIdentifier", aggregateIdentifier)
                .append("sequenceNumber", sequenceNumber)
                .append("type", type)
                .append("eventIdentifier", event.getIdentifier())
                .append("timestamp", Date.from(event.getTimestamp()))
                .append("timestampNanos", event.getTimestamp().getNano())
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData());
    }

    // --- snapshots ------------------------------------------------------------------------------------------

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = toDocument(snapshot, -1, serializer);
        document.put("_id", snapshot.getAggregateIdentifier());
        document.remove("globalIndex");
        try {
            snapshots.replaceOne(and(eq("_id", snapshot.getAggregateIdentifier()),
                            lt("sequenceNumber", snapshot.getSequenceNumber())), document,
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // a newer snapshot is already stored
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(toDomainEventData(snapshot));
    }

    // --- aggregate streams ----------------------------------------------------------------------------------

    /** Reads exact ids ({@code aggregateId/n}) in chunks, so every lookup is on the {@code _id} index. */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>();
        long next = firstSequenceNumber;
        while (result.size() < batchSize) {
            int chunk = Math.min(AGGREGATE_CHUNK, batchSize - result.size());
            List<String> ids = new ArrayList<>(chunk);
            for (int i = 0; i < chunk; i++) {
                ids.add(aggregateIdentifier + "/" + (next + i));
            }
            List<Document> found = events.find(in("_id", ids)).into(new ArrayList<>());
            found.sort((a, b) -> Long.compare(a.getLong("sequenceNumber"), b.getLong("sequenceNumber")));
            found.forEach(document -> result.add(toDomainEventData(document)));
            if (found.size() < chunk) {
                break;
            }
            next += chunk;
        }
        return result;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Document last = events.find(eq("aggregateIdentifier", aggregateIdentifier))
                .sort(Sorts.descending("sequenceNumber")).limit(1).first();
        return Optional.ofNullable(last).map(document -> document.getLong("sequenceNumber"));
    }

    // --- tracking -------------------------------------------------------------------------------------------

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken cursor = lastToken == null ? GapAwareTrackingToken.newInstance(0, Set.of())
                : asGapAware(lastToken);
        closeExpiredGaps(cursor.getGaps());
        List<TrackedEventData<?>> result = new ArrayList<>();
        while (true) {
            // numbers above the counter are not handed out yet: an idle poll costs one lookup
            long head = Math.min(cursor.getIndex() + batchSize, highestTaken());
            List<Long> wanted = new ArrayList<>(cursor.getGaps());
            for (long number = cursor.getIndex() + 1; number <= head; number++) {
                wanted.add(number);
            }
            if (wanted.isEmpty()) {
                return result;
            }
            List<Document> found = committedEvents.find(in("globalIndex", wanted)).into(new ArrayList<>());
            if (found.isEmpty()) {
                return result;
            }
            found.sort((a, b) -> Long.compare(a.getLong("globalIndex"), b.getLong("globalIndex")));
            for (Document document : found) {
                cursor = cursor.advanceTo(document.getLong("globalIndex"), Integer.MAX_VALUE);
                if (!document.getBoolean("tombstone", false)) {
                    result.add(new TrackedDomainEventData<>(cursor, toDomainEventData(document)));
                }
            }
            if (!result.isEmpty()) {
                return result;
            }
            // only tombstones in this window: move on, a token can only travel with an event
        }
    }

    private static GapAwareTrackingToken asGapAware(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("Unsupported token " + token.getClass().getName()
                                           + "; this event store tracks with GapAwareTrackingToken");
    }

    /**
     * A gap open longer than the timeout will never be filled (its writer died between taking the number and
     * inserting): close it with a tombstone, once, for everyone.
     */
    private void closeExpiredGaps(SortedSet<Long> gaps) {
        long now = System.nanoTime();
        for (Long gap : gaps) {
            long firstSeen = gapsFirstSeen.computeIfAbsent(gap, g -> now);
            if (now - firstSeen >= gapTimeout.toNanos()) {
                insertTombstone(gap);
                log.warn("Global sequence number {} stayed empty for {}; closed it (its writer vanished)", gap,
                        gapTimeout);
                gapsFirstSeen.remove(gap);
            }
        }
        if (gapsFirstSeen.size() > 10_000) {
            gapsFirstSeen.keySet().retainAll(gaps);
        }
    }

    private long highestTaken() {
        Document counter = counters.find(eq("_id", COUNTER_ID)).first();
        return counter == null ? 0 : ((Number) counter.get("value")).longValue();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = highestTaken();
        return head == 0 ? null : GapAwareTrackingToken.newInstance(head, Set.of());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = events.find(gte("timestamp", Date.from(dateTime))).sort(Sorts.ascending("timestamp"))
                .limit(1).first();
        if (first == null) {
            return createHeadToken();
        }
        long index = first.getLong("globalIndex") - 1;
        return index <= 0 ? null : GapAwareTrackingToken.newInstance(index, Set.of());
    }

    // --- mapping --------------------------------------------------------------------------------------------

    private static DomainEventData<String> toDomainEventData(Document document) {
        Instant timestamp = document.getDate("timestamp").toInstant();
        Integer nanos = document.getInteger("timestampNanos");
        if (nanos != null) {
            timestamp = timestamp.plusNanos(nanos - timestamp.getNano());
        }
        return new GenericDomainEventEntry<>(document.getString("type"), document.getString("aggregateIdentifier"),
                document.getLong("sequenceNumber"), document.getString("eventIdentifier"), timestamp,
                document.getString("payloadType"), document.getString("payloadRevision"),
                document.getString("payload"), document.getString("metaData"));
    }

    /** Builds the engine; {@code database} is required. */
    public static class Builder extends BatchingEventStorageEngine.Builder {
        private MongoDatabase database;
        private String eventsCollection = "events";
        private String snapshotsCollection = "snapshots";
        private String countersCollection = "eventCounters";
        private Duration gapTimeout = Duration.ofSeconds(60);
        private AppendHook appendHook = AppendHook.NONE;

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder collections(String events, String snapshots, String counters) {
            this.eventsCollection = events;
            this.snapshotsCollection = snapshots;
            this.countersCollection = counters;
            return this;
        }

        /** How long a taken but empty global sequence number is waited for before it is given up. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder appendHook(AppendHook appendHook) {
            this.appendHook = appendHook;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("The MongoDatabase is required");
            }
        }

        public SequencedMongoEventStorageEngine build() {
            validate();
            return new SequencedMongoEventStorageEngine(this);
        }
    }
}
