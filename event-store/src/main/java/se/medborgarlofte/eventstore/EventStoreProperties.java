package se.medborgarlofte.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the event store shared by both sides.
 *
 * @param engine     which event storage engine to use: {@code sequenced} (ours, the default) or {@code axon-mongo}
 *                   (Axon's stock MongoDB engine)
 * @param fetchDelay how long a streaming reader waits before polling the store again when it has caught up;
 *                   this bounds the lag between a command on one process and a read model on another
 * @param batchSize  events per read when streaming (replay) or loading an aggregate
 * @param gapTimeout how long a taken but still empty global sequence number is waited for before it is given up
 * @param claimTimeout how long a processor's claim on a segment holds without being refreshed: after a crash, the
 *                   segments of the process that died are taken over once this has passed
 * @param sharedReadEvents how many events the read models' processors keep of what they read behind the head, for
 *                   each other ({@link SharedReadEventSource}); about 3 KB of heap each
 */
@ConfigurationProperties("medborgarlofte.event-store")
public record EventStoreProperties(Engine engine, Duration fetchDelay, Integer batchSize, Duration gapTimeout,
                                  Duration claimTimeout, Integer sharedReadEvents) {

    /** The event storage engines to choose from ({@code sequenced}, {@code axon-mongo}). */
    public enum Engine { SEQUENCED, AXON_MONGO }

    public EventStoreProperties {
        engine = engine == null ? Engine.SEQUENCED : engine;
        fetchDelay = fetchDelay == null ? Duration.ofMillis(25) : fetchDelay;
        batchSize = batchSize == null ? 1000 : batchSize;
        gapTimeout = gapTimeout == null ? Duration.ofSeconds(60) : gapTimeout;
        claimTimeout = claimTimeout == null ? Duration.ofSeconds(10) : claimTimeout;
        sharedReadEvents = sharedReadEvents == null ? 50_000 : sharedReadEvents;
    }
}
