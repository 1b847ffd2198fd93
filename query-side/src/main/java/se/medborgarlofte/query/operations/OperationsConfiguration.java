package se.medborgarlofte.query.operations;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean
    ProcessorStates processorStates(EventProcessingConfiguration processing, EventStore eventStore,
                                    LastEventTimes times) {
        return new ProcessorStates(processing, eventStore, times);
    }

    @Bean
    HealthIndicator processorsHealthIndicator(ProcessorStates states,
                                              @Value("${medborgarlofte.readiness.max-lag-events:1000}") long maxLag) {
        return new ProcessorReadiness(states, maxLag);
    }

    /** Once the processors exist: a series per processing group. */
    @Bean
    ApplicationListener<ApplicationStartedEvent> eventProcessorMetrics(MeterRegistry registry, ProcessorStates states,
                                                                  EventProcessingConfiguration processing) {
        return started -> ProcessorMetrics.register(registry, states, processing.eventProcessors().keySet());
    }
}
