package se.medborgarlofte.query.cache;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.medborgarlofte.query.generation.ReadModelCollections;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When an answer computed from the read models may be given again without reading them: a version per promise,
 * and one for all promises, that move once the read models have written what a batch of events changed
 * ({@link ReadModelChanges}, after the batch's writes, whether its token was then stored or not).
 * <p>
 * That holds only while this instance processes every segment of every processing group, so that every change
 * passes through it; otherwise there is no {@link Stamp} and nothing is given from a cache. Whether it does is
 * checked every {@value #CHECK_MILLIS} ms (not on every request: asking the processors costs more than a cached
 * answer); losing a segment, even for a moment, ends every stamp given before. (Another instance can't claim a
 * segment and change a read model within that time: claims are looked for every few seconds.)
 */
@Component
public class ReadModelVersions implements AutoCloseable {

    static final long CHECK_MILLIS = 20;

    /** What an answer was computed from; equal stamps mean equal read models for what the answer reads. */
    public record Stamp(long epoch, long version) {
    }

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Map<String, AtomicLong> promises = new ConcurrentHashMap<>();
    private final AtomicLong all = new AtomicLong();
    private final AtomicLong epoch = new AtomicLong();
    /** As the last check found it. */
    private volatile boolean everySegmentHere;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-versions");
        thread.setDaemon(true);
        return thread;
    });

    private final AtomicBoolean started = new AtomicBoolean();

    public ReadModelVersions(ObjectProvider<EventProcessingConfiguration> processing) {
        this.processing = processing;
    }

    /**
     * From now on answers may be kept. Not before the application has started: asking the processors for their
     * segments while the context is still being built would fix Axon's configuration before all of it is set.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (started.compareAndSet(false, true)) {
            check();
            checks.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The stamp of what one promise's answers read (its promise and tally documents); null: don't cache. */
    public Stamp of(String promiseId) {
        long current = epoch.get();
        long version = promises.computeIfAbsent(promiseId, id -> new AtomicLong()).get();
        return everySegmentHere && epoch.get() == current ? new Stamp(current, version) : null;
    }

    /** The stamp of what an answer about every promise reads; null: don't cache. */
    public Stamp ofAll() {
        long current = epoch.get();
        long version = all.get();
        return everySegmentHere && epoch.get() == current ? new Stamp(current, version) : null;
    }

    /** A read model's generation changed (a rebuild swapped in): no answer computed before is given again. */
    @EventListener
    public void readModelSwitched(ReadModelCollections.Switched switched) {
        epoch.incrementAndGet();
    }

    /** The read models have written what events of these promises changed. */
    void changed(Collection<String> promiseIds) {
        promiseIds.forEach(id -> promises.computeIfAbsent(id, key -> new AtomicLong()).incrementAndGet());
        all.incrementAndGet();
    }

    /** Whether this instance processes every segment; when not, every stamp given so far is void. */
    void check() {
        EventProcessingConfiguration configuration = started.get() ? processing.getIfAvailable() : null;
        boolean everySegment = configuration != null;
        if (everySegment) {
            for (EventProcessor processor : configuration.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming
                    && !covers(streaming.processingStatus().values())) {
                    everySegment = false;
                    break;
                }
            }
        }
        if (!everySegment) {
            everySegmentHere = false;
            epoch.incrementAndGet();
        } else {
            everySegmentHere = true;
        }
    }

    private static boolean covers(Collection<EventTrackerStatus> segments) {
        double covered = 0;
        for (EventTrackerStatus status : segments) {
            covered += 1.0 / (status.getSegment().getMask() + 1);
        }
        return covered > 0.999;
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
