package se.medborgarlofte.query.operations;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time (as Axon stamped it when it was stored) of the last event each event processor read in this instance:
 * an Axon message monitor on every streaming processor, which sees each event it reads, handled or not.
 */
final class LastEventTimes {

    private final Map<String, AtomicReference<Instant>> last = new ConcurrentHashMap<>();

    MessageMonitor<Message<?>> monitor(String processor) {
        AtomicReference<Instant> time = last.computeIfAbsent(processor, name -> new AtomicReference<>());
        return message -> {
            if (message instanceof EventMessage<?> event) {
                time.set(event.getTimestamp());
            }
            return NoOpMessageMonitorCallback.INSTANCE;
        };
    }

    /** Null when the processor has read nothing since this instance started. */
    Instant last(String processor) {
        AtomicReference<Instant> time = last.get(processor);
        return time == null ? null : time.get();
    }
}
