package se.medborgarlofte.query.generation;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The active generation of each read model and the state of its rebuild, in the collection {@value #COLLECTION},
 * one document per processing group:
 * <pre>
 * { _id: "activities", active: 1, swapping: true, previous: 0, acks: [ replica, ... ],
 *   rebuild: { generation: 1, state: "SWAPPING", replica, startedAt, heartbeatAt, eventsApplied, position, head,
 *              flippedAt, swappedAt, failure } }
 * </pre>
 * A group without a document reads and writes generation 0. Every change is one conditional update, so replicas
 * that race see one winner.
 */
public final class GenerationRegistry {

    public static final String COLLECTION = "readModelGenerations";

    /** The rebuild states a GET shows. */
    public static final String REBUILDING = "REBUILDING";
    public static final String SWAPPING = "SWAPPING";
    public static final String SWAPPED = "SWAPPED";
    public static final String FAILED = "FAILED";

    /** One group's entry. {@code rebuild} is null before the first rebuild. */
    public record Entry(String group, int active, boolean swapping, int previous, Set<String> acks, Document rebuild) {

        static Entry initial(String group) {
            return new Entry(group, 0, false, 0, Set.of(), null);
        }

        /** The generation of the rebuild now running, or -1. */
        public int running() {
            return rebuild != null && List.of(REBUILDING, SWAPPING).contains(rebuild.getString("state"))
                    ? rebuild.getInteger("generation", -1) : -1;
        }

        public Instant heartbeat() {
            Date at = rebuild == null ? null : rebuild.getDate("heartbeatAt");
            return at == null ? Instant.EPOCH : at.toInstant();
        }
    }

    private final MongoCollection<Document> entries;

    public GenerationRegistry(MongoCollection<Document> entries) {
        this.entries = entries;
    }

    /** Every group's entry (groups without a document at generation 0). */
    public Map<String, Entry> all() {
        Map<String, Entry> all = new LinkedHashMap<>();
        Generations.COLLECTIONS.keySet().stream().sorted().forEach(group -> all.put(group, Entry.initial(group)));
        for (Document document : entries.find()) {
            Entry entry = entry(document);
            all.put(entry.group(), entry);
        }
        return all;
    }

    public Entry of(String group) {
        Document document = entries.find(Filters.eq("_id", group)).first();
        return document == null ? Entry.initial(group) : entry(document);
    }

    /**
     * Starts a rebuild of {@code group} into the generation after the active one, unless one is running whose
     * replica was heard from after {@code staleBefore}, or a swap is under way. The new generation, or -1.
     */
    public int claim(String group, String replica, Instant now, Instant staleBefore) {
        try {
            entries.insertOne(new Document("_id", group).append("active", 0));
        } catch (MongoWriteException exists) {
            // the usual case: the group has its entry
        }
        Entry entry = of(group);
        if (entry.swapping() || (entry.running() >= 0 && entry.heartbeat().isAfter(staleBefore))) {
            return -1;
        }
        int generation = Math.max(entry.active(), entry.rebuild() == null ? 0
                : entry.rebuild().getInteger("generation", 0)) + 1;
        Bson notRunning = Filters.or(Filters.exists("rebuild", false),
                Filters.nin("rebuild.state", List.of(REBUILDING, SWAPPING)),
                Filters.lt("rebuild.heartbeatAt", Date.from(staleBefore)));
        Document rebuild = new Document("generation", generation).append("state", REBUILDING)
                .append("replica", replica).append("startedAt", Date.from(now)).append("heartbeatAt", Date.from(now))
                .append("eventsApplied", 0L).append("position", -1L);
        long matched = entries.updateOne(Filters.and(Filters.eq("_id", group), Filters.eq("active", entry.active()),
                Filters.ne("swapping", true), notRunning), Updates.set("rebuild", rebuild)).getMatchedCount();
        return matched == 1 ? generation : -1;
    }

    /** The rebuild's progress and heartbeat. False when the rebuild is no longer this one (taken over, failed). */
    public boolean progress(String group, int generation, long eventsApplied, long position, long head, Instant now) {
        return entries.updateOne(ofRebuild(group, generation), Updates.combine(
                Updates.set("rebuild.eventsApplied", eventsApplied), Updates.set("rebuild.position", position),
                Updates.set("rebuild.head", head), Updates.set("rebuild.heartbeatAt", Date.from(now))))
                       .getMatchedCount() == 1;
    }

    /**
     * Makes the rebuild's generation the active one, in the swapping phase: readers switch to it, and the live
     * processors write nothing until the rebuild has applied every event they applied to the previous generation.
     */
    public boolean flip(String group, int generation, Instant now) {
        Entry entry = of(group);
        return entries.updateOne(Filters.and(ofRebuild(group, generation), Filters.eq("active", entry.active())),
                Updates.combine(Updates.set("active", generation), Updates.set("previous", entry.active()),
                        Updates.set("swapping", true), Updates.set("acks", List.of()),
                        Updates.set("rebuild.state", SWAPPING), Updates.set("rebuild.flippedAt", Date.from(now))))
                       .getMatchedCount() == 1;
    }

    /** This replica writes nothing more into the previous generation of {@code group}. */
    public void ack(String group, int generation, String replica) {
        entries.updateOne(Filters.and(Filters.eq("_id", group), Filters.eq("active", generation),
                Filters.eq("swapping", true)), Updates.addToSet("acks", replica));
    }

    /** The swap is done: the live processors write into the new generation. */
    public boolean finish(String group, int generation, Instant now) {
        return entries.updateOne(Filters.and(ofRebuild(group, generation), Filters.eq("active", generation)),
                Updates.combine(Updates.set("swapping", false), Updates.set("rebuild.state", SWAPPED),
                        Updates.set("rebuild.swappedAt", Date.from(now)), Updates.set("rebuild.heartbeatAt",
                                Date.from(now)))).getMatchedCount() == 1;
    }

    /**
     * The rebuild failed (or its replica went silent): it stops, and if it had flipped, the previous generation is
     * active again (the live processors wrote nothing meanwhile, so it is complete).
     */
    public void fail(String group, int generation, String failure, Instant now) {
        Entry entry = of(group);
        if (entry.swapping() && entry.active() == generation) {
            entries.updateOne(Filters.and(Filters.eq("_id", group), Filters.eq("active", generation),
                    Filters.eq("swapping", true)), Updates.combine(Updates.set("active", entry.previous()),
                    Updates.set("swapping", false)));
        }
        entries.updateOne(ofRebuild(group, generation), Updates.combine(Updates.set("rebuild.state", FAILED),
                Updates.set("rebuild.failure", failure), Updates.set("rebuild.finishedAt", Date.from(now))));
    }

    private static Bson ofRebuild(String group, int generation) {
        return Filters.and(Filters.eq("_id", group), Filters.eq("rebuild.generation", generation),
                Filters.in("rebuild.state", List.of(REBUILDING, SWAPPING)));
    }

    private static Entry entry(Document document) {
        return new Entry(document.getString("_id"), document.getInteger("active", 0),
                Boolean.TRUE.equals(document.getBoolean("swapping")), document.getInteger("previous", 0),
                Set.copyOf(document.getList("acks", String.class, List.of())), document.get("rebuild", Document.class));
    }
}
