package se.medborgarlofte.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
 *   not atomic) stores the event again under a new number: nothing is skipped and nothing is lost. The unique
 *   index on {@code globalIndex} makes this safe. Numbering lives in {@link GlobalSequence}, the document shape in
 *   {@link EventDocuments}.</li>
 *   <li>Every event carries {@code hash} and {@code previousHash}: a SHA-256 chain per aggregate over the stored
 *   fields ({@link EventHash}, linked by {@link ChainLinker}); events stored before the chain are covered by
 *   {@link HashGenesis}. Tombstones are in no chain.</li>
 *   <li>Reads ask for exact numbers ({@code globalIndex $in [next batch, gaps]}), so every read is an index lookup
 *   on any MongoDB server, including the embedded one, whatever the size of the store. The token holds only the
 *   open gaps, so it stays small.</li>
 * </ul>
 */
public class SequencedMongoEventStorageEngine extends BatchingEventStorageEngine {

    static final String GLOBAL_INDEX_NAME = "globalIndex_unique";
    /**
     * A read of an aggregate's events asks for 4 ids first, then up to 96 at a time (a batch of 100 in two queries,
     * as 64 + 36 were): most reads are a cached promise's catch-up, which usually finds nothing, and the server looks
     * every id of the list up.
     */
    private static final int FIRST_AGGREGATE_CHUNK = 4;
    private static final int AGGREGATE_CHUNK = 96;
    static final int NUMBERS_PER_QUERY = 100;
    /** Set here, not left to the server's defaults: an answered append survives a crash and a failover. */
    static final WriteConcern DURABLE = WriteConcern.MAJORITY.withJournal(true);

    /** Appends: acknowledged by a majority, from the journal (on the embedded server: synced to disk). */
    private final MongoCollection<Document> events;
    /** The stream the read models follow: only what a majority has, so no failover can take back what they saw. */
    private final MongoCollection<Document> committedEvents;
    private final MongoCollection<Document> snapshots;
    private final GlobalSequence numbers;
    private final AppendHook appendHook;
    /** Null when the hash chain is off (tests that store events the way they were stored before it). */
    private final ChainLinker chain;

    protected SequencedMongoEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(builder.eventsCollection).withWriteConcern(DURABLE);
        this.committedEvents = events.withReadConcern(ReadConcern.MAJORITY);
        this.snapshots = builder.database.getCollection(builder.snapshotsCollection);
        this.numbers = new GlobalSequence(events, builder.database.getCollection(builder.countersCollection),
                builder.gapTimeout);
        this.appendHook = builder.appendHook;
        ensureIndexes();
        if (builder.hashChain) {
            HashGenesis genesis = new HashGenesis(events, builder.database);
            genesis.coverAll();
            this.chain = new ChainLinker(events, genesis);
        } else {
            this.chain = null;
        }
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
        numbers.ensureCounter();
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
        long last = numbers.allocate(messages.size());
        long first = last - messages.size() + 1;
        List<Document> documents = new ArrayList<>(messages.size());
        try {
            appendHook.afterAllocation(first, messages.size());
            for (int i = 0; i < messages.size(); i++) {
                documents.add(EventDocuments.toDocument(messages.get(i), first + i, serializer));
            }
            if (chain != null) {
                chain.link(documents);
            }
            if (documents.size() == 1) {
                events.insertOne(documents.get(0));
            } else {
                events.insertMany(documents, new InsertManyOptions().ordered(true));
            }
            if (chain != null) {
                chain.stored(documents);
            }
            return messages.size();
        } catch (MongoWriteException e) {
            return storedBeforeTakenNumber(0, e.getError().getCategory(), e, documents,
                    messages, first, last, attempt);
        } catch (MongoBulkWriteException e) {
            var error = e.getWriteErrors().get(0);
            return storedBeforeTakenNumber(error.getIndex(), ErrorCategory.fromErrorCode(error.getCode()), e,
                    documents, messages, first, last, attempt);
        } catch (RuntimeException e) {
            numbers.closeOwnNumbers(first, last);
            throw e;
        }
    }

    /**
     * The event at {@code failed} was not stored. A duplicate key on a number whose event is not stored under its own
     * id means the number was taken: the caller stores it and the rest again. A duplicate of the event's own id is a
     * concurrent change of the aggregate. Either way this writer's numbers from {@code failed} on are closed.
     */
    private int storedBeforeTakenNumber(int failed, ErrorCategory category, Exception cause, List<Document> documents,
                                        List<? extends EventMessage<?>> messages, long first, long last, int attempt) {
        boolean duplicate = category == ErrorCategory.DUPLICATE_KEY;
        boolean conflict = duplicate && events.find(eq("_id", documents.get(failed).get("_id"))).first() != null;
        if (duplicate && !conflict) {
            if (chain != null) {
                chain.stored(documents.subList(0, failed));
            }
            numbers.closeOwnNumbers(first + failed + 1, last);
            if (attempt >= 20) {
                throw new EventStoreException("Could not get a free global sequence number in " + attempt
                                              + " attempts", cause);
            }
            return failed;
        }
        numbers.closeOwnNumbers(first + failed, last);
        if (conflict) {
            String aggregate = messages.get(failed) instanceof DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier() : "?";
            throw new ConcurrencyException("Another change to aggregate " + aggregate + " was stored concurrently",
                    cause);
        }
        throw new EventStoreException("Could not append events: " + cause.getMessage(), cause);
    }

    // --- snapshots ------------------------------------------------------------------------------------------

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = EventDocuments.toDocument(snapshot, -1, serializer);
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
        return snapshot == null ? Stream.empty() : Stream.of(EventDocuments.toDomainEventData(snapshot));
    }

    // --- aggregate streams ----------------------------------------------------------------------------------

    /** Reads exact ids ({@code aggregateId/n}) in chunks, so every lookup is on the {@code _id} index. */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>();
        long next = firstSequenceNumber;
        int size = FIRST_AGGREGATE_CHUNK;
        while (result.size() < batchSize) {
            int chunk = Math.min(size, batchSize - result.size());
            size = AGGREGATE_CHUNK;
            List<String> ids = new ArrayList<>(chunk);
            for (int i = 0; i < chunk; i++) {
                ids.add(EventDocuments.id(aggregateIdentifier, next + i));
            }
            List<Document> found = events.find(in("_id", ids)).into(new ArrayList<>());
            found.sort((a, b) -> Long.compare(EventDocuments.number(a, "sequenceNumber"),
                    EventDocuments.number(b, "sequenceNumber")));
            found.forEach(document -> result.add(EventDocuments.toDomainEventData(document)));
            if (chain != null && !found.isEmpty()) {
                chain.seen(found.get(found.size() - 1));
            }
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
        return Optional.ofNullable(last).map(document -> EventDocuments.number(document, "sequenceNumber"));
    }

    // --- tracking -------------------------------------------------------------------------------------------

    /**
     * The events after {@code lastToken} that one read of the store finds ({@link #batchSize()} numbers, as a
     * streaming reader's next batch), upcast and ready to be handled; empty at the head. Several readers may share
     * one such window ({@link SharedReadEventSource}): it is what any of them would have read at that moment.
     */
    public List<TrackedEventMessage<?>> readWindow(TrackingToken lastToken) {
        return EventUtils.upcastAndDeserializeTrackedEvents(fetchTrackedEvents(lastToken, batchSize()).stream(),
                getEventSerializer(), upcasterChain).collect(Collectors.toList());
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken cursor = lastToken == null ? GapAwareTrackingToken.newInstance(0, Set.of())
                : asGapAware(lastToken);
        numbers.closeExpiredGaps(cursor.getGaps());
        List<TrackedEventData<?>> result = new ArrayList<>();
        while (true) {
            // numbers above the counter are not handed out yet: an idle poll costs one lookup
            long head = Math.min(cursor.getIndex() + batchSize, numbers.highestTaken());
            List<Long> wanted = new ArrayList<>(cursor.getGaps());
            for (long number = cursor.getIndex() + 1; number <= head; number++) {
                wanted.add(number);
            }
            if (wanted.isEmpty()) {
                return result;
            }
            List<Document> found = findNumbers(wanted);
            if (found.isEmpty()) {
                return result;
            }
            found.sort((a, b) -> Long.compare(EventDocuments.number(a, "globalIndex"),
                    EventDocuments.number(b, "globalIndex")));
            for (Document document : found) {
                cursor = cursor.advanceTo(EventDocuments.number(document, "globalIndex"), Integer.MAX_VALUE);
                if (!document.getBoolean("tombstone", false)) {
                    result.add(new TrackedDomainEventData<>(cursor, EventDocuments.toDomainEventData(document)));
                }
            }
            if (!result.isEmpty()) {
                return result;
            }
            // only tombstones in this window: move on, a token can only travel with an event
        }
    }

    /**
     * The stored documents of these numbers (ascending), asked for {@value #NUMBERS_PER_QUERY} at a time: a server
     * checks every document it finds against the whole {@code $in} list (the embedded one one by one), so one list of
     * a thousand numbers costs a thousand times a thousand comparisons, and ten lists of a hundred a tenth of that.
     * <p>
     * The highest numbers are asked for first. One query sees the store at one moment; several don't, and a writer
     * inserting a promise's events meanwhile (in the order of their numbers) could otherwise be seen with a hole: its
     * later events found by a later query, earlier ones missed by an earlier one. The hole would be read as a gap and
     * filled after the events above it, out of the promise's order, and a read model that skips what is older than
     * the last event it applied (every one here) would skip them. Asked for from the top down, whatever a query finds
     * of a writer's events, the queries after it find everything that writer inserted before.
     */
    private List<Document> findNumbers(List<Long> wanted) {
        List<Document> found = new ArrayList<>(wanted.size());
        int chunks = (wanted.size() + NUMBERS_PER_QUERY - 1) / NUMBERS_PER_QUERY;
        for (int chunk = chunks - 1; chunk >= 0; chunk--) {
            int from = chunk * NUMBERS_PER_QUERY;
            committedEvents.find(in("globalIndex", wanted.subList(from, Math.min(wanted.size(), from + NUMBERS_PER_QUERY))))
                    .into(found);
        }
        return found;
    }

    private static GapAwareTrackingToken asGapAware(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("Unsupported token " + token.getClass().getName()
                                           + "; this event store tracks with GapAwareTrackingToken");
    }

    /** The global sequence numbers this process has closed with tombstones since it started (for the metrics). */
    public GapClosures gapClosures() {
        return numbers.closures();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = numbers.highestTaken();
        return head == 0 ? null : GapAwareTrackingToken.newInstance(head, Set.of());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = events.find(gte("timestamp", Date.from(dateTime))).sort(Sorts.ascending("timestamp"))
                .limit(1).first();
        if (first == null) {
            return createHeadToken();
        }
        long index = EventDocuments.number(first, "globalIndex") - 1;
        return index <= 0 ? null : GapAwareTrackingToken.newInstance(index, Set.of());
    }

    // --- mapping --------------------------------------------------------------------------------------------

    /** Builds the engine; {@code database} is required. */
    public static class Builder extends BatchingEventStorageEngine.Builder {
        private MongoDatabase database;
        private String eventsCollection = "events";
        private String snapshotsCollection = "snapshots";
        private String countersCollection = "eventCounters";
        private Duration gapTimeout = Duration.ofSeconds(60);
        private AppendHook appendHook = AppendHook.NONE;
        private boolean hashChain = true;

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

        /**
         * Whether appended events are hash-chained ({@link EventHash}, the default) and events stored before are
         * covered by {@link HashGenesis} on start. Off only to store events the way they were stored before.
         */
        public Builder hashChain(boolean hashChain) {
            this.hashChain = hashChain;
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
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
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
