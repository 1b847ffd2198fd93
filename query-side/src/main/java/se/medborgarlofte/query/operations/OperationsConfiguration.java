package se.medborgarlofte.query.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.medborgarlofte.eventstore.GapClosures;
import se.medborgarlofte.eventstore.SequencedMongoEventStorageEngine;

import java.time.Clock;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * What an operator sees of the read models: the {@code processors} health indicator (part of readiness) and the
 * processors' metrics on {@code /actuator/prometheus}.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    @Bean
    LastEventTimes lastEventTimes() {
        return new LastEventTimes();
    }

    /** The monitor on every tracking and pooled processor (Axon asks per processor, by its name). */
    @Bean
    ConfigurerModule lastEventTimesMonitor(LastEventTimes times) {
        return configurer -> {
            configurer.configureMessageMonitor(TrackingEventProcessor.class, (axon, type, name) -> times.monitor(name));
            configurer.configureMessageMonitor(PooledStreamingEventProcessor.class,
                    (axon, type, name) -> times.monitor(name));
        };
    }

    /** Two minutes: longer than a pooled processor's longest back-off (a minute) before it retries a segment. */
    @Bean
    static FailedBatches failedBatches() {
        return new FailedBatches(Duration.ofMinutes(2), Clock.systemUTC());
    }

    /** Every processor's batches are watched for failures. */
    @Autowired
    void watchBatches(EventProcessingConfigurer configurer, FailedBatches failed) {
        configurer.registerDefaultHandlerInterceptor((axon, group) -> failed.watch(group));
    }

    @Bean
    ProcessorStates processorStates(EventProcessingConfiguration processing, EventStore eventStore,
                                    LastEventTimes times, FailedBatches failed) {
        return new ProcessorStates(processing, eventStore, times, failed);
    }

    @Bean
    HealthIndicator processorsHealthIndicator(ProcessorStates states,
                                              @Value("${medborgarlofte.readiness.max-lag-events:1000}") long maxLag) {
        return new ProcessorReadiness(states, maxLag);
    }

    /**
     * Global sequence numbers this process closed with tombstones, by why ({@code reason="timeout"}: a reader gave up
     * on a gap whose writer vanished; {@code reason="writer"}: a failed append closed its own numbers). Only with our
     * engine; Axon's stock engine closes nothing.
     */
    @Bean
    MeterBinder gapClosureMetrics(EventStorageEngine engine) {
        return registry -> {
            if (engine instanceof SequencedMongoEventStorageEngine sequenced) {
                closures(registry, sequenced, "timeout", GapClosures::byTimeout);
                closures(registry, sequenced, "writer", GapClosures::byWriter);
            }
        };
    }

    private static void closures(MeterRegistry registry, SequencedMongoEventStorageEngine engine, String reason,
                                 ToDoubleFunction<GapClosures> count) {
        FunctionCounter.builder("medborgarlofte.event.store.gaps.closed", engine,
                        e -> count.applyAsDouble(e.gapClosures()))
                .tag("reason", reason)
                .description("Global sequence numbers this process closed with a tombstone (never to be filled)")
                .register(registry);
    }

    /** Once the processors exist: a series per processing group. */
    @Bean
    ApplicationListener<ApplicationStartedEvent> eventProcessorMetrics(MeterRegistry registry, ProcessorStates states,
                                                                  EventProcessingConfiguration processing) {
        return started -> ProcessorMetrics.register(registry, states, processing.eventProcessors().keySet());
    }
}
