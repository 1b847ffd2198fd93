package se.medborgarlofte.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the event store shared by both sides.
 *
 * @param engine     which event storage engine to use: {@code axon-mongo} (Axon's stock MongoDB engine)
 * @param fetchDelay how long a streaming reader waits before polling the store again when it has caught up;
 *                   this bounds the lag between a command on one process and a read model on another
 * @param batchSize  events per read when streaming (replay) or loading an aggregate
 */
@ConfigurationProperties("medborgarlofte.event-store")
public record EventStoreProperties(String engine, Duration fetchDelay, Integer batchSize) {

    public EventStoreProperties {
        engine = engine == null ? "axon-mongo" : engine;
        fetchDelay = fetchDelay == null ? Duration.ofMillis(100) : fetchDelay;
        batchSize = batchSize == null ? 1000 : batchSize;
    }
}
