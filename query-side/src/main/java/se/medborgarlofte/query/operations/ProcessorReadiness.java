package se.medborgarlofte.query.operations;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Part of readiness: every read model's processor runs (none stopped, none retrying a failed batch: DOWN) and none
 * is further behind the head of the event stream than {@code maxLagEvents} (OUT_OF_SERVICE). Segments that another
 * instance holds are that instance's to report.
 */
final class ProcessorReadiness implements HealthIndicator {

    private final ProcessorStates states;
    private final long maxLagEvents;

    ProcessorReadiness(ProcessorStates states, long maxLagEvents) {
        this.states = states;
        this.maxLagEvents = maxLagEvents;
    }

    @Override
    public Health health() {
        return judge(states.current(), maxLagEvents);
    }

    static Health judge(List<ProcessorState> processors, long maxLagEvents) {
        Status status = Status.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ProcessorState processor : processors) {
            if (!processor.running()) {
                status = Status.DOWN;
            } else if (processor.lagEvents() > maxLagEvents && status == Status.UP) {
                status = Status.OUT_OF_SERVICE;
            }
            details.put(processor.group(), Map.of("running", processor.running(), "segments", processor.segments(),
                    "lagEvents", processor.lagEvents(), "openGaps", processor.openGaps()));
        }
        return Health.status(status).withDetail("maxLagEvents", maxLagEvents).withDetails(details).build();
    }
}
