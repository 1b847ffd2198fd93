package se.medborgarlofte.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static com.mongodb.client.model.Filters.eq;

/**
 * The global sequence numbers: handed out by a counter document ({@code $inc}) in the order of appends, across
 * processes; a number that was taken and will never be filled (its writer failed, or died) is closed with a
 * <i>tombstone</i>, a document of its own that readers step over.
 */
final class GlobalSequence {

    private static final Logger log = LoggerFactory.getLogger(GlobalSequence.class);
    static final String COUNTER_ID = "globalIndex";

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;
    private final Duration gapTimeout;
    /** When this process first saw each open gap (monotonic nanos). */
    private final Map<Long, Long> gapsFirstSeen = new ConcurrentHashMap<>();
    /** Numbers this process closed: by their own failed writer, and as a reader after the gap timeout. */
    private final AtomicLong closedByWriter = new AtomicLong();
    private final AtomicLong closedByTimeout = new AtomicLong();

    GlobalSequence(MongoCollection<Document> events, MongoCollection<Document> counters, Duration gapTimeout) {
        this.events = events;
        this.counters = counters;
        this.gapTimeout = gapTimeout;
    }

    /** Creates the counter if it is missing; safe to run from several processes at once. */
    void ensureCounter() {
        try {
            counters.updateOne(eq("_id", COUNTER_ID), Updates.setOnInsert("value", 0L), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Takes {@code count} numbers; returns the last of them. */
    long allocate(int count) {
        Document counter = counters.findOneAndUpdate(eq("_id", COUNTER_ID), Updates.inc("value", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get("value")).longValue();
    }

    /** The highest number handed out so far: numbers above it are not taken yet. */
    long highestTaken() {
        Document counter = counters.find(eq("_id", COUNTER_ID)).first();
        return counter == null ? 0 : ((Number) counter.get("value")).longValue();
    }

    /**
     * A writer that took numbers and failed closes them itself, so readers need not wait for the gap timeout.
     * Best effort: if this fails too, the readers close them after the timeout.
     */
    void closeOwnNumbers(long from, long to) {
        for (long number = from; number <= to; number++) {
            try {
                if (close(number)) {
                    closedByWriter.incrementAndGet();
                }
            } catch (RuntimeException e) {
                log.warn("Could not close global sequence number {} after a failed append; readers will after the "
                         + "gap timeout", number, e);
            }
        }
    }

    /**
     * A gap open longer than the timeout will never be filled (its writer died between taking the number and
     * inserting): close it with a tombstone, once, for everyone.
     */
    void closeExpiredGaps(SortedSet<Long> gaps) {
        long now = System.nanoTime();
        for (Long gap : gaps) {
            long firstSeen = gapsFirstSeen.computeIfAbsent(gap, g -> now);
            if (now - firstSeen >= gapTimeout.toNanos()) {
                if (close(gap)) {
                    closedByTimeout.incrementAndGet();
                    log.warn("Global sequence number {} stayed empty for {}; closed it (its writer vanished)", gap,
                            gapTimeout);
                }
                gapsFirstSeen.remove(gap);
            }
        }
        if (gapsFirstSeen.size() > 10_000) {
            gapsFirstSeen.keySet().retainAll(gaps);
        }
    }

    /** How many numbers this process has closed with a tombstone since it started, by why. */
    GapClosures closures() {
        return new GapClosures(closedByWriter.get(), closedByTimeout.get());
    }

    /**
     * Closes a number with a tombstone. A tombstone has an id of its own, so it can only clash on its number, or
     * with itself: either way the number is no longer open. Returns whether this call closed it (not another
     * process, and not its writer storing the event after all).
     */
    private boolean close(long number) {
        String id = "tombstone/" + number;
        try {
            events.insertOne(new Document("_id", id).append("globalIndex", number)
                    .append("aggregateIdentifier", id).append("sequenceNumber", 0L)
                    .append("tombstone", true).append("timestamp", new Date()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }
}
