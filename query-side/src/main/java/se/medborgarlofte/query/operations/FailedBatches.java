package se.medborgarlofte.query.operations;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Segments whose last batch in this replica failed (a handler threw, or the read-model write or the token did not
 * go through), until a later batch of the same segment commits here. A pooled processor gives a failed segment up
 * (its claim released, so either replica may retry it after a back-off of up to a minute), so its processing status
 * no longer shows the error; this remembers it. A failure is forgotten after {@code memory}: by then another replica
 * may have taken the segment over and processed it, which this one would not see.
 */
final class FailedBatches {

    private static final String SEEN = FailedBatches.class.getName() + "/seen";

    private final Duration memory;
    private final Clock clock;
    /** By "group/segment": when its last batch failed here. */
    private final Map<String, Instant> failed = new ConcurrentHashMap<>();

    FailedBatches(Duration memory, Clock clock) {
        this.memory = memory;
        this.clock = clock;
    }

    /** For the processor of one processing group: watches how each of its batches ends. */
    MessageHandlerInterceptor<EventMessage<?>> watch(String group) {
        String segmentKey = "Processor[" + group + "]/SegmentId";
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            if (unitOfWork.root().getResource(SEEN) == null) {
                unitOfWork.root().resources().put(SEEN, Boolean.TRUE);
                Object segment = unitOfWork.root().getResource(segmentKey);
                String key = group + "/" + (segment == null ? "?" : segment);
                unitOfWork.root().afterCommit(u -> failed.remove(key));
                unitOfWork.root().onRollback(u -> failed.put(key, clock.instant()));
            }
            return chain.proceed();
        };
    }

    /** A segment of the group failed its last batch here, not longer ago than the memory. */
    boolean failing(String group) {
        Instant forgotten = clock.instant().minus(memory);
        failed.values().removeIf(when -> when.isBefore(forgotten));
        String prefix = group + "/";
        return failed.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }
}
