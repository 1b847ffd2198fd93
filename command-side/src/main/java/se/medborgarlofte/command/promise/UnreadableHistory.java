package se.medborgarlofte.command.promise;

import org.axonframework.common.AxonNonTransientException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.UnknownSerializedType;

/**
 * A promise's history holds an event this version cannot read: a type it does not know (stored by a newer version,
 * or an old shape whose upcaster is missing) or a document that could not be read at all. Deciding on the promise
 * without that event could break its rules unseen (an activity id recorded twice, a correction of an activity it does
 * not know), so every command on it is refused until a version that reads the event runs. The read models list the
 * same event as an event problem; nothing is stored.
 */
public final class UnreadableHistory extends AxonNonTransientException {

    private UnreadableHistory(String message) {
        super(message);
    }

    /** Passes an event that this version can read; throws for one it can't. */
    static boolean check(DomainEventMessage<?> event) {
        if (UnknownSerializedType.class.equals(event.getPayloadType())) {
            throw new UnreadableHistory("Event " + event.getSequenceNumber() + " of promise "
                                        + event.getAggregateIdentifier() + " has a type this version can't read: "
                                        + typeName(event));
        }
        return true;
    }

    private static String typeName(DomainEventMessage<?> event) {
        return event.getPayload() instanceof UnknownSerializedType unknown ? unknown.serializedType().getName() : "?";
    }
}
