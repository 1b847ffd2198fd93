package se.medborgarlofte.query.problems;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.serialization.SerializationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
/**
 * How read models treat events they can't read. A payload that does not deserialize will never succeed: it is
 * recorded in the {@link EventProblemLog} and skipped (unknown event types are recorded by each projection's
 * handler for {@code UnknownSerializedType}). Every other failure (MongoDB
 * unreachable, a bug) is rethrown, so the processor stops that batch and retries it later: nothing is skipped
 * silently. (Axon's default would log and skip every failure.)
 */
@Configuration
class EventProblemsConfiguration {

    /** For every processing group: each read model is one, and each handler names its group. */
    @Autowired
    void configure(EventProcessingConfigurer configurer, EventProblemLog problems) {
        configurer.registerDefaultListenerInvocationErrorHandler(c -> errorHandler(problems));
    }

    private static ListenerInvocationErrorHandler errorHandler(EventProblemLog problems) {
        return (Exception exception, EventMessage<?> event, EventMessageHandler handler) -> {
            if (!isUnreadable(exception)) {
                throw exception;
            }
            problems.record(group(handler), event, event.getPayloadType().getName(),
                    String.valueOf(exception.getMessage()));
        };
    }

    private static String group(EventMessageHandler handler) {
        ProcessingGroup group = handler.getTargetType().getAnnotation(ProcessingGroup.class);
        return group != null ? group.value() : handler.getTargetType().getPackageName();
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
