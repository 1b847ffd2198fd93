package se.medborgarlofte.query.problems;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.UnknownSerializedType;
import se.medborgarlofte.eventstore.EventDocuments;

/**
 * What every read model does with an event whose type this version does not know (written by a newer version, or
 * a type since removed): it records it in the {@link EventProblemLog} for operators and goes on, as no handler here
 * could use it. An event whose stored document can't be read at all is no such event: it fails
 * ({@link UnreadableEventException}), so that it is parked with its promise (a dead letter) until it is repaired.
 */
public abstract class ProjectionBase {

    private final String group;
    private final EventProblemLog problems;

    protected ProjectionBase(String group, EventProblemLog problems) {
        this.group = group;
        this.problems = problems;
    }

    @EventHandler
    protected void on(UnknownSerializedType unknown, EventMessage<?> event) {
        if (EventDocuments.UNREADABLE_TYPE.equals(unknown.serializedType().getName())) {
            throw new UnreadableEventException(EventDocuments.unreadableReason(unknown.readData(String.class))
                    .orElse(event.getIdentifier()));
        }
        problems.recordUnknownType(group, unknown, event);
    }
}
