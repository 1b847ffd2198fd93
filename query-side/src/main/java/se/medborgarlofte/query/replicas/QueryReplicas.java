package se.medborgarlofte.query.replicas;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.set;

/**
 * The query-side replicas that share the read models' segments, and the share of each processing group's segments
 * this replica claims: with {@code S} segments and {@code R} live replicas, at most {@code ceil(S / R)}. Alone, a
 * replica claims every segment (the local run); when a second one starts, the first one's share drops and its pooled
 * processors release the surplus, which the second claims; when one stops, the other's share grows back and it
 * claims what was released (or, after a crash, what the claim timeout freed).
 * <p>
 * Each replica writes a heartbeat into the collection {@value #COLLECTION} every {@code heartbeat}; one not heard
 * from for {@code expiry} is gone (the replicas' clocks are compared, as Axon's claim timeout already compares them).
 * The share is what Axon's {@code PooledStreamingEventProcessor} asks of its {@code MaxSegmentProvider} before it
 * claims and releases, in memory: the heartbeat thread recounts the replicas and each group's segments.
 * <p>
 * Which replica processes a segment is still decided by the token store's claims alone: a wrong count here can leave
 * the replicas unevenly loaded for a while, never two of them processing one segment.
 */
public final class QueryReplicas implements SmartLifecycle, AutoCloseable {

    static final String COLLECTION = "queryReplicas";
    private volatile Set<String> liveIds = Set.of();
    private static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(QueryReplicas.class);

    private final String id;
    private final MongoCollection<Document> replicas;
    private final TokenStore tokenStore;
    private final Duration expiry;
    private final Clock clock;
    /** Segments per processing group, as the token store has them (0: not created yet). */
    private final Map<String, Integer> segments = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats;
    private volatile int live = 1;
    private volatile boolean running;

    QueryReplicas(MongoCollection<Document> replicas, TokenStore tokenStore, ReplicaProperties properties, Clock clock) {
        this.id = System.getenv().getOrDefault("HOSTNAME", "host") + "/" + ProcessHandle.current().pid() + "/"
                  + UUID.randomUUID().toString().substring(0, 8);
        this.replicas = replicas;
        this.tokenStore = tokenStore;
        this.expiry = properties.expiry();
        this.clock = clock;
        // counted once before any processor starts, so a replica that joins others does not first claim as if alone
        beat();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "query-replicas");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** At most how many of the group's segments this replica claims (Axon's {@code MaxSegmentProvider}). */
    public int maxSegments(String group) {
        return fairShare(segments.computeIfAbsent(group, this::countSegments), live);
    }

    /**
     * {@code ceil(segments / replicas)}, at least 1; unlimited while the group has no segments yet (the first
     * replica creates them all).
     */
    static int fairShare(int segments, int replicas) {
        if (segments <= 0) {
            return Short.MAX_VALUE;
        }
        int others = Math.max(1, replicas);
        return Math.max(1, (segments + others - 1) / others);
    }

    /** The live replicas this one counted at its last heartbeat, itself included. */
    public int live() {
        return live;
    }

    /** The names of the live replicas this one saw at its last heartbeat, its own included. */
    public Set<String> liveIds() {
        Set<String> ids = new TreeSet<>(liveIds);
        ids.add(id);
        return ids;
    }

    /** This replica's name in {@value #COLLECTION}: host, process and a random part. */
    public String id() {
        return id;
    }

    private void beat() {
        try {
            Instant now = clock.instant();
            replicas.updateOne(eq("_id", id), set("seenAt", Date.from(now)), new UpdateOptions().upsert(true));
            int seen = 0;
            Set<String> ids = new TreeSet<>();
            for (Document replica : replicas.find(gte("seenAt", Date.from(now.minus(expiry))))
                    .projection(Projections.include("_id"))) {
                ids.add(String.valueOf(replica.get("_id")));
                seen++;
            }
            liveIds = Set.copyOf(ids);
            int previous = live;
            live = Math.max(1, seen);
            if (live != previous) {
                log.info("{} query-side replicas share the read models' segments (were {})", live, previous);
            }
            replicas.deleteMany(lt("seenAt", Date.from(now.minus(FORGET_AFTER))));
        } catch (RuntimeException e) {
            log.warn("Query-side heartbeat failed, keeping the last count of replicas ({}): {}", live, e.toString());
        }
        segments.replaceAll((group, known) -> {
            int now = countSegments(group);
            return now > 0 ? now : known;
        });
    }

    private int countSegments(String group) {
        try {
            return tokenStore.fetchSegments(group).length;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * First thing on shutdown (before the web server and the processors stop): the others' shares grow at their next
     * heartbeat, so they claim this replica's segments as soon as its processors release them.
     */
    @Override
    public void stop() {
        running = false;
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** Stops the heartbeat and says goodbye. */
    @Override
    public void close() {
        if (heartbeats.isShutdown()) {
            return;
        }
        heartbeats.shutdownNow();
        try {
            // a heartbeat under way would write this replica back after the goodbye
            heartbeats.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            replicas.deleteOne(eq("_id", id));
        } catch (RuntimeException e) {
            log.warn("Could not remove this replica's heartbeat ({}); the others count it out after {}", e.toString(),
                    expiry);
        }
    }
}
