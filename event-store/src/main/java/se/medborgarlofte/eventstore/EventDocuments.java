package se.medborgarlofte.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * How an event is stored: one document, payload and metadata as JSON text, {@code _id = aggregateId/sequence}.
 * Numbers are read as numbers, whatever their BSON type ({@code mongosh} writes 32-bit integers and doubles).
 */
public final class EventDocuments {

    private EventDocuments() {
    }

    /** The document for {@code event} under the global sequence number {@code globalIndex}. */
    public static Document toDocument(EventMessage<?> event, long globalIndex, Serializer serializer) {
        SerializedObject<String> payload = serializer.serialize(event.getPayload(), String.class);
        SerializedObject<String> metaData = serializer.serialize(event.getMetaData(), String.class);
        String aggregateIdentifier;
        long sequenceNumber;
        String type;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateIdentifier = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
            type = domain.getType();
        } else {
            aggregateIdentifier = event.getIdentifier();
            sequenceNumber = 0;
            type = null;
        }
        return new Document("_id", id(aggregateIdentifier, sequenceNumber))
                .append("globalIndex", globalIndex)
                .append("aggregateIdentifier", aggregateIdentifier)
                .append("sequenceNumber", sequenceNumber)
                .append("type", type)
                .append("eventIdentifier", event.getIdentifier())
                .append("timestamp", Date.from(event.getTimestamp()))
                .append("timestampNanos", event.getTimestamp().getNano())
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData());
    }

    /** The {@code _id} of an aggregate's event. */
    static String id(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "/" + sequenceNumber;
    }

    static DomainEventData<String> toDomainEventData(Document document) {
        Instant timestamp = document.getDate("timestamp").toInstant();
        Object nanos = document.get("timestampNanos");
        if (nanos instanceof Number number) {
            timestamp = timestamp.plusNanos(number.intValue() - timestamp.getNano());
        }
        return new GenericDomainEventEntry<>(document.getString("type"), document.getString("aggregateIdentifier"),
                number(document, "sequenceNumber"), document.getString("eventIdentifier"), timestamp,
                document.getString("payloadType"), document.getString("payloadRevision"),
                document.getString("payload"), document.getString("metaData"));
    }

    static long number(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }
}
