package se.medborgarlofte.query.operations;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of every streaming processor (one per read model) against the head of the event stream, as readiness
 * and the metrics read it. Sampled at most once a second (a sample asks the event store for its head token).
 */
final class ProcessorStates {

    private static final long FRESH_NANOS = 1_000_000_000L;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final LastEventTimes lastEventTimes;
    private final FailedBatches failedBatches;
    private List<ProcessorState> sample;
    private long head;
    private long sampledAt;

    ProcessorStates(EventProcessingConfiguration processing, EventStore eventStore, LastEventTimes lastEventTimes,
                    FailedBatches failedBatches) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.lastEventTimes = lastEventTimes;
        this.failedBatches = failedBatches;
    }

    synchronized List<ProcessorState> current() {
        if (sample == null || System.nanoTime() - sampledAt > FRESH_NANOS) {
            head = ProcessorState.position(eventStore.createHeadToken());
            List<ProcessorState> states = new ArrayList<>();
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming) {
                    states.add(state(name, streaming));
                }
            });
            sample = List.copyOf(states);
            sampledAt = System.nanoTime();
        }
        return sample;
    }

    /** The event store's head at the last sample: the highest global sequence number handed out. */
    synchronized long head() {
        current();
        return head;
    }

    ProcessorState of(String group) {
        return current().stream().filter(state -> state.group().equals(group)).findFirst()
                .orElse(new ProcessorState(group, false, 0, -1, 0, Double.NaN));
    }

    private ProcessorState state(String name, StreamingEventProcessor processor) {
        List<TrackingToken> tokens = new ArrayList<>();
        boolean failing = processor.isError() || failedBatches.failing(name);
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            tokens.add(status.getTrackingToken());
            failing |= status.isErrorState();
        }
        return ProcessorState.of(name, processor.isRunning() && !failing, tokens, head, lastEventTimes.last(name),
                GenericEventMessage.clock.instant());
    }
}
