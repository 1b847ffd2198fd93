package se.medborgarlofte.query.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * The read models' metrics, one series per processing group ({@code processing_group}), as Prometheus names them:
 * {@code medborgarlofte_processor_lag_events}, {@code medborgarlofte_processor_lag_seconds},
 * {@code medborgarlofte_processor_gaps_open}, {@code medborgarlofte_processor_segments_claimed},
 * {@code medborgarlofte_processor_running}, and the head of the event stream, {@code medborgarlofte_event_store_head}.
 * What each one means is in {@link ProcessorState}; a value this instance can't know (no segment held here) is NaN.
 */
final class ProcessorMetrics {

    private ProcessorMetrics() {
    }

    static void register(MeterRegistry registry, ProcessorStates states, Iterable<String> groups) {
        Gauge.builder("medborgarlofte.event.store.head", states, ProcessorStates::head)
                .description("The highest global sequence number handed out by the event store").register(registry);
        for (String group : groups) {
            gauge(registry, states, group, "medborgarlofte.processor.lag.events",
                    "Events between the head of the event stream and the segment furthest behind",
                    state -> state.lagEvents() < 0 ? Double.NaN : state.lagEvents(), null);
            gauge(registry, states, group, "medborgarlofte.processor.lag.seconds",
                    "0 when caught up; else the age of the last event the group read", ProcessorState::lagSeconds,
                    "seconds");
            gauge(registry, states, group, "medborgarlofte.processor.gaps.open",
                    "Open gaps in the group's tokens (numbers taken but not yet stored)",
                    state -> state.segments() == 0 ? Double.NaN : state.openGaps(), null);
            gauge(registry, states, group, "medborgarlofte.processor.segments.claimed",
                    "Segments of the group this instance processes", ProcessorState::segments, null);
            gauge(registry, states, group, "medborgarlofte.processor.running",
                    "1 when the group's processor runs without error", state -> state.running() ? 1 : 0, null);
        }
    }

    private static void gauge(MeterRegistry registry, ProcessorStates states, String group, String name,
                              String description, ToDoubleFunction<ProcessorState> value, String unit) {
        Gauge.builder(name, states, s -> value.applyAsDouble(s.of(group)))
                .tag("processing_group", group).description(description).baseUnit(unit).register(registry);
    }
}
