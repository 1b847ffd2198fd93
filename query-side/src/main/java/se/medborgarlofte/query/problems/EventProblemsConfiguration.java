package se.medborgarlofte.query.problems;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.serialization.SerializationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import se.medborgarlofte.query.activity.ActivityProjection;
import se.medborgarlofte.query.promise.PromiseProjection;

import java.util.List;

/**
 * How read models treat events they can't read. A payload that does not deserialize will never succeed: it is
 * recorded in the {@link EventProblemLog} and skipped (unknown event types are recorded by each projection's
 * handler for {@code UnknownSerializedType}). Every other failure (MongoDB
 * unreachable, a bug) is rethrown, so the processor stops that batch and retries it later: nothing is skipped
 * silently. (Axon's default would log and skip every failure.)
 */
@Configuration
class EventProblemsConfiguration {

    static final List<String> GROUPS = List.of(PromiseProjection.GROUP, ActivityProjection.GROUP);

    @Autowired
    void configure(EventProcessingConfigurer configurer, EventProblemLog problems) {
        for (String group : GROUPS) {
            configurer.registerListenerInvocationErrorHandler(group, c -> errorHandler(group, problems));
        }
    }

    private static ListenerInvocationErrorHandler errorHandler(String group, EventProblemLog problems) {
        return (Exception exception, EventMessage<?> event, EventMessageHandler handler) -> {
            if (!isUnreadable(exception)) {
                throw exception;
            }
            problems.record(group, event, event.getPayloadType().getName(), String.valueOf(exception.getMessage()));
        };
    }

    private static boolean isUnreadable(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }
}
