package se.medborgarlofte.query.timeline;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializationException;
import org.springframework.stereotype.Component;
import se.medborgarlofte.events.PromiseEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The events of one promise, in order, read straight from the event store (the source of truth). */
@Component
public class PromiseTimeline {

    private final EventStorageEngine store;

    PromiseTimeline(EventStorageEngine store) {
        this.store = store;
    }

    /** One event with when it was recorded and its metadata. */
    public record Recorded(PromiseEvent event, DomainEventMessage<?> message) {
        public Instant recordedAt() {
            return message.getTimestamp();
        }
    }

    /** Streams the promise's events in order; returns false if the promise has none. */
    public boolean forEach(String promiseId, Consumer<Recorded> consumer) {
        DomainEventStream stream = store.readEvents(promiseId, 0);
        boolean any = false;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            any = true;
            Object payload;
            try {
                payload = message.getPayload();
            } catch (SerializationException unreadable) {
                continue; // listed by the read models' event problem log
            }
            if (payload instanceof PromiseEvent event) {
                consumer.accept(new Recorded(event, message));
            }
        }
        return any;
    }

    /** Whether the promise has any event, without reading its history. */
    public boolean exists(String promiseId) {
        return store.readEvents(promiseId, 0).hasNext();
    }

    public List<Recorded> events(String promiseId) {
        List<Recorded> events = new ArrayList<>();
        forEach(promiseId, events::add);
        return events;
    }

    /** The promise as it was known at {@code knownAt}: only events recorded by then. */
    public PromiseState stateKnownAt(List<Recorded> events, Instant knownAt) {
        PromiseState state = new PromiseState();
        for (Recorded recorded : events) {
            if (!recorded.recordedAt().isAfter(knownAt)) {
                state.apply(recorded.event());
            }
        }
        return state;
    }
}
