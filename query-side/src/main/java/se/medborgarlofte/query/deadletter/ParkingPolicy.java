package se.medborgarlofte.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;
import se.medborgarlofte.eventstore.EventDocuments;
import se.medborgarlofte.query.batch.FlushAtEndOfBatch;
import se.medborgarlofte.query.problems.UnreadableEventException;

import java.util.Optional;

/**
 * What happens to an event whose handling failed.
 * <ul>
 *   <li>The event's own fault (it can't be read, a handler throws on it): it is parked with its promise, and what it
 *   changed in the batch so far is dropped. The letter's cause says what went wrong in words an operator can act on;
 *   for an unreadable stored document, what is wrong with it.</li>
 *   <li>Not the event's fault (MongoDB unreachable, a read model changed meanwhile, the app shutting down): nothing
 *   is parked. In a processor the failure is thrown on, so the batch is rolled back and delivered again later, as
 *   before dead letters existed; on a retry the letter simply stays.</li>
 * </ul>
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    private final Serializer eventSerializer;

    /** @param eventSerializer the one the event store reads with, so a stored payload can be seen as it is */
    ParkingPolicy(Serializer eventSerializer) {
        this.eventSerializer = eventSerializer;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        boolean inProcessor = CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork;
        if (Failures.isPassing(cause)) {
            if (inProcessor) {
                throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
            return Decisions.requeue(ThrowableCause.truncated(cause));
        }
        if (inProcessor) {
            FlushAtEndOfBatch.dropChangesOfCurrentEvent();
        }
        return Decisions.enqueue(explained(letter.message(), cause));
    }

    private ThrowableCause explained(EventMessage<?> event, Throwable cause) {
        Throwable root = Failures.root(cause);
        UnreadableEventException unreadableDocument = Failures.find(cause, UnreadableEventException.class);
        SerializationException unreadablePayload = Failures.find(cause, SerializationException.class);
        if (unreadableDocument != null) {
            return cause(unreadableDocument, unreadableDocument.getMessage());
        }
        if (unreadablePayload != null) {
            return cause(unreadablePayload, "The stored event can't be read: "
                    + storedProblem(event).orElse(String.valueOf(root.getMessage())));
        }
        return cause(root, String.valueOf(root.getMessage()));
    }

    private static ThrowableCause cause(Throwable type, String message) {
        return new ThrowableCause(type.getClass().getName(), message.length() <= ThrowableCause.TRUNCATED_MESSAGE_SIZE
                ? message : message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE));
    }

    /** What the event store said is wrong with the stored document, if it marked the event unreadable. */
    private Optional<String> storedProblem(EventMessage<?> event) {
        try {
            return EventDocuments.unreadableReason(event.serializePayload(eventSerializer, String.class).getData());
        } catch (RuntimeException notStoredText) {
            return Optional.empty();
        }
    }
}
