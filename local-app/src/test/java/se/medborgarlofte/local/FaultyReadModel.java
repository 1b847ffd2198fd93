package se.medborgarlofte.local;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;

/**
 * For tests: a second read model in the {@code activities} processing group, beside the activity log, that fails on
 * the activities of one promise while {@link #failsFor} names it, as a handler with a bug would. Added to an app's
 * sources ({@code spring.main.sources}); active in the query side only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.application.name", havingValue = "query-side")
class FaultyReadModel {

    static volatile String failsFor;

    @Bean
    Tally faultyTally() {
        return new Tally();
    }

    @ProcessingGroup("activities")
    static class Tally {
        @EventHandler
        void on(ActivityRecorded event) {
            if (event.promiseId().value().equals(failsFor)) {
                throw new IllegalStateException("The tally can't count the activities of " + failsFor);
            }
        }
    }
}
