package se.medborgarlofte.query.deadletter;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.eventhandling.deadletter.DeadLetterEntry;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Before parked events are retried, each is read again from the event store, and its letter takes what is stored
 * now: a document an operator repaired after it was parked is what the retry applies (with the upcasters of the
 * store's reading), not the copy the letter took when it failed. The store's event is the one at the letter's
 * aggregate and sequence number (its identifier may be what was repaired). An event not in the store keeps its copy.
 */
final class StoredEvents {

    /** Where axon-mongo keeps a letter's event inside the letter (its {@code DeadLetterEntry}). */
    private static final String MESSAGE = "message.";
    private static final EventEntryConfiguration FIELDS = EventEntryConfiguration.getDefault();

    private final EventStorageEngine storage;
    private final Serializer eventSerializer;
    private final MongoCollection<Document> letters;

    StoredEvents(EventStorageEngine storage, Serializer eventSerializer, MongoCollection<Document> letters) {
        this.storage = storage;
        this.eventSerializer = eventSerializer;
        this.letters = letters;
    }

    /** Gives the parked letters of one promise in one group the events as the store holds them now. */
    void refresh(String group, String sequence, List<DeadLetter<? extends EventMessage<?>>> parked) {
        Map<Long, MongoDeadLetter<?>> bySequenceNumber = new HashMap<>();
        String aggregate = null;
        for (DeadLetter<? extends EventMessage<?>> letter : parked) {
            if (letter instanceof MongoDeadLetter<?> stored && letter.message() instanceof DomainEventMessage<?> event) {
                aggregate = event.getAggregateIdentifier();
                bySequenceNumber.put(event.getSequenceNumber(), stored);
            }
        }
        if (aggregate == null) {
            return;
        }
        long first = bySequenceNumber.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = bySequenceNumber.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        DomainEventStream events = storage.readEvents(aggregate, first);
        while (events.hasNext() && events.peek().getSequenceNumber() <= last) {
            DomainEventMessage<?> event = events.next();
            MongoDeadLetter<?> letter = bySequenceNumber.get(event.getSequenceNumber());
            if (letter != null) {
                SerializedObject<String> payload = event.serializePayload(eventSerializer, String.class);
                SerializedObject<String> metaData = event.serializeMetaData(eventSerializer, String.class);
                letters.updateOne(DeadLetterEntry.findOneFilter(group, sequence, letter.index()), Updates.combine(
                        Updates.set(MESSAGE + FIELDS.payloadProperty(), payload.getData()),
                        Updates.set(MESSAGE + FIELDS.payloadTypeProperty(), payload.getType().getName()),
                        Updates.set(MESSAGE + FIELDS.payloadRevisionProperty(), payload.getType().getRevision()),
                        Updates.set(MESSAGE + FIELDS.metaDataProperty(), metaData.getData())));
            }
        }
    }
}
