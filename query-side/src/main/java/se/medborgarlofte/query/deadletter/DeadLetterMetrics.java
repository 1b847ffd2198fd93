package se.medborgarlofte.query.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.stereotype.Component;

/**
 * Parked events per read model, as Prometheus names them: {@code medborgarlofte_dead_letters} (events) and
 * {@code medborgarlofte_dead_letter_promises} (promises whose events wait), tagged {@code processing_group}. Counted
 * in the queue's collection at every scrape, so every replica reports the whole queue.
 */
@Component
class DeadLetterMetrics implements MeterBinder {

    private final EventProcessingConfiguration processing;

    DeadLetterMetrics(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : processing.eventProcessors().keySet()) {
            processing.deadLetterQueue(group).ifPresent(queue -> {
                Gauge.builder("medborgarlofte.dead.letters", queue, q -> q.size())
                        .tag("processing_group", group).description("Events parked in the group's dead-letter queue")
                        .register(registry);
                Gauge.builder("medborgarlofte.dead.letter.promises", queue, q -> q.amountOfSequences())
                        .tag("processing_group", group)
                        .description("Promises whose events wait in the group's dead-letter queue").register(registry);
            });
        }
    }
}
