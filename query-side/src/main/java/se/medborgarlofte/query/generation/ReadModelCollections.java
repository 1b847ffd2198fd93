package se.medborgarlofte.query.generation;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import se.medborgarlofte.query.replicas.QueryReplicas;
import se.medborgarlofte.query.generation.GenerationRegistry.Entry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which collections the read models are read from and written to: the active generation of each processing group
 * ({@link GenerationRegistry}), looked up every {@value #REFRESH_MILLIS} ms and at once after a change made here.
 * <ul>
 *   <li>Readers name collections through {@link #name} (the read models' {@code @Document} annotations do, so
 *   Spring Data's repositories and {@code MongoTemplate} follow the active generation).</li>
 *   <li>The live processors' handlers write through {@link #collection}: a batch of events (one unit of work) is
 *   pinned to the generation active when it began, and counted as in flight until it is over (its token stored or
 *   rolled back). While a swap is under way a new batch waits until it is done.</li>
 *   <li>When this replica sees a swap begin, it acknowledges it in the registry as soon as none of its batches
 *   still writes into the previous generation: from then on it writes nothing there.</li>
 * </ul>
 */
@Component("readModelCollections")
public class ReadModelCollections implements WriteTarget, AutoCloseable {

    static final long REFRESH_MILLIS = 500;
    /** A rebuild whose replica is not heard from this long while it swaps is given up, so that no batch waits for ever. */
    static final Duration SILENT = Duration.ofSeconds(15);
    private static final long WAIT_MILLIS = 25;
    private static final String PINNED = ReadModelCollections.class.getName() + "/";
    private static final Logger log = LoggerFactory.getLogger(ReadModelCollections.class);

    /** Published when a group's active generation or swap changed here; answers cached from before are void. */
    public record Switched(String group, int active, boolean swapping) {
    }

    private final GenerationRegistry registry;
    private final String replica;
    private final ApplicationEventPublisher events;
    private final Object lock = new Object();
    private volatile Map<String, Entry> current;
    /** Batches now writing, by group (guarded by {@link #lock}). */
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "read-model-generations");
        thread.setDaemon(true);
        return thread;
    });

    public ReadModelCollections(MongoTemplate mongo, QueryReplicas replicas, ApplicationEventPublisher events) {
        this.registry = new GenerationRegistry(mongo.getCollection(GenerationRegistry.COLLECTION));
        this.replica = replicas.id();
        this.events = events;
        this.current = registry.all();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    public GenerationRegistry registry() {
        return registry;
    }

    public String replica() {
        return replica;
    }

    /** The collection readers find {@code base}'s documents in now. */
    public String name(String base) {
        return Generations.collection(base, active(Generations.groupOf(base)));
    }

    public int active(String group) {
        return current.get(group).active();
    }

    @Override
    public String collection(String group, String base) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Generations.collection(base, active(group));
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Integer pinned = unitOfWork.getResource(PINNED + group);
        if (pinned == null) {
            pinned = enter(group);
            unitOfWork.resources().put(PINNED + group, pinned);
            unitOfWork.onCleanup(done -> leave(group));
        }
        return Generations.collection(base, pinned);
    }

    /** The generation a batch of {@code group} writes into; waits while a swap is under way. */
    private int enter(String group) {
        while (true) {
            synchronized (lock) {
                Entry entry = current.get(group);
                if (!entry.swapping()) {
                    inFlight.merge(group, 1, Integer::sum);
                    return entry.active();
                }
            }
            awaitSwap(group);
        }
    }

    private void leave(String group) {
        synchronized (lock) {
            inFlight.merge(group, -1, Integer::sum);
        }
    }

    private void awaitSwap(String group) {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the read model " + group + " was being swapped", e);
        }
        Entry entry = registry.of(group);
        if (entry.swapping() && entry.heartbeat().isBefore(Instant.now().minus(SILENT))) {
            log.warn("The rebuild of read model '{}' (generation {}) was not heard from for {} s while swapping; "
                     + "generation {} is active again", group, entry.active(), SILENT.toSeconds(), entry.previous());
            registry.fail(group, entry.active(), "Återuppbyggnadens replik slutade svara under bytet",
                    Instant.now());
        }
        refresh();
    }

    /**
     * Reads the registry now (after a change made here), acknowledges swaps and tells the caches. One at a time, so
     * that an older reading never replaces a newer one.
     */
    public synchronized void refresh() {
        Map<String, Entry> fresh = registry.all();
        Map<String, Entry> previous;
        synchronized (lock) {
            previous = current;
            current = fresh;
        }
        fresh.forEach((group, entry) -> {
            Entry before = previous.get(group);
            if (before == null || before.active() != entry.active() || before.swapping() != entry.swapping()) {
                log.info("Read model '{}' reads generation {}{}", group, entry.active(),
                        entry.swapping() ? " (swapping)" : "");
                events.publishEvent(new Switched(group, entry.active(), entry.swapping()));
            }
            if (entry.swapping()) {
                acknowledge(entry);
            }
        });
    }

    private void acknowledge(Entry entry) {
        String key = entry.group() + "/" + entry.active();
        if (acknowledged.contains(key) || entry.acks().contains(replica)) {
            return;
        }
        synchronized (lock) {
            if (Objects.requireNonNullElse(inFlight.get(entry.group()), 0) > 0) {
                return;
            }
        }
        registry.ack(entry.group(), entry.active(), replica);
        acknowledged.add(key);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not read the read models' generations, keeping the last ones: {}", e.toString());
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
