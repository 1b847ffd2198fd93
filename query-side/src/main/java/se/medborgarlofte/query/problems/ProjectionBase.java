package se.medborgarlofte.query.problems;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.UnknownSerializedType;

/**
 * What every read model does with an event whose type this version does not know (written by a newer version, or
 * a type since removed): it records it in the {@link EventProblemLog} for operators and goes on.
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
        problems.recordUnknownType(group, unknown, event);
    }
}
