package se.medborgarlofte.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * How an event is stored: one document, payload and metadata as JSON text, {@code _id = aggregateId/sequence}.
 * <p>
 * Reading is forgiving where the value is still certain and strict where it is not. Numbers are read as numbers
 * whatever their BSON type ({@code mongosh} writes 32-bit integers and doubles when an operator repairs a document by
 * hand); a timestamp may be ISO-8601 text. A document that still can't be read (a field missing or of the wrong type,
 * a sequence number with a fraction) never stops a reader: it becomes an <i>unreadable event</i> of its aggregate,
 * which keeps its place in the stream and fails where its payload is read, as a payload that does not deserialize
 * does: a read model parks it (and its promise) as a dead letter, and loading the aggregate fails instead of
 * leaving the event out. Its payload is {@link #UNREADABLE_PREFIX} and what is wrong ({@link #unreadableReason}); its
 * payload type stays the stored one where that is text, else it is {@link #UNREADABLE_TYPE}.
 */
public final class EventDocuments {

    /** The payload type of an unreadable event whose stored payload type can't be read either. */
    public static final String UNREADABLE_TYPE = "se.medborgarlofte.eventstore.UnreadableEventDocument";
    /** How the payload of an unreadable event begins; no serializer reads it. */
    public static final String UNREADABLE_PREFIX = "unreadable event document ";

    private static final Logger log = LoggerFactory.getLogger(EventDocuments.class);

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

    /** What is wrong with an unreadable event, from its payload; empty for any other payload. */
    public static Optional<String> unreadableReason(Object payloadData) {
        return payloadData instanceof String text && text.startsWith(UNREADABLE_PREFIX)
                ? Optional.of(text.substring(UNREADABLE_PREFIX.length())) : Optional.empty();
    }

    /** The event a stored document holds; never fails (see the class comment for a document that can't be read). */
    static DomainEventData<String> toDomainEventData(Document document) {
        Reader reader = new Reader(document);
        String aggregateIdentifier = reader.aggregateIdentifier();
        long sequenceNumber = reader.sequenceNumber();
        String eventIdentifier = reader.text("eventIdentifier", false);
        Instant timestamp = reader.timestamp();
        String type = reader.text("type", true);
        String payloadType = reader.text("payloadType", false);
        String payloadRevision = reader.text("payloadRevision", true);
        String payload = reader.text("payload", false);
        String metaData = reader.text("metaData", false);
        if (reader.problems.isEmpty()) {
            return new GenericDomainEventEntry<>(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp,
                    payloadType, payloadRevision, payload, metaData);
        }
        String reason = reader.id + ": " + String.join("; ", reader.problems);
        log.warn("Event document {} can't be read, it is passed on as an unreadable event: {}", reader.id,
                String.join("; ", reader.problems));
        return new GenericDomainEventEntry<>(type, aggregateIdentifier, sequenceNumber,
                eventIdentifier != null ? eventIdentifier : reader.id, timestamp,
                payloadType != null ? payloadType : UNREADABLE_TYPE, null, UNREADABLE_PREFIX + reason,
                metaData != null ? metaData : "{}");
    }

    /**
     * A whole number stored under {@code field}, whatever its numeric type. A sequence number that is missing or not
     * a number is taken from the document's {@code _id} ({@code aggregateId/sequence}).
     */
    public static long number(Document document, String field) {
        Long number = wholeNumber(document.get(field));
        if (number == null && field.equals("sequenceNumber")) {
            number = sequenceFromId(document.get("_id"));
        }
        if (number == null) {
            throw new IllegalStateException("Event document " + document.get("_id") + ": '" + field
                                            + "' is not a whole number: " + document.get(field));
        }
        return number;
    }

    /** The sequence number, or null where neither the field nor the {@code _id} gives one (damaged by hand). */
    public static Long sequenceNumberOrNull(Document document) {
        try {
            return number(document, "sequenceNumber");
        } catch (IllegalStateException unreadable) {
            return null;
        }
    }

    /** The value as a long if it is a number without a fraction, else null. */
    private static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof Double || value instanceof Float) {
                return new BigDecimal(value.toString()).longValueExact();
            }
            if (value instanceof Decimal128 decimal) {
                return decimal.bigDecimalValue().longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException fraction) {
            return null;
        }
        return null;
    }

    private static Long sequenceFromId(Object id) {
        if (id instanceof String text && text.lastIndexOf('/') >= 0) {
            try {
                return Long.parseLong(text.substring(text.lastIndexOf('/') + 1));
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    /** Reads the fields of one document, noting each that can't be read. */
    private static final class Reader {
        private final Document document;
        private final String id;
        private final List<String> problems = new ArrayList<>();

        private Reader(Document document) {
            this.document = document;
            this.id = String.valueOf(document.get("_id"));
        }

        private String text(String field, boolean optional) {
            Object value = document.get(field);
            if (value instanceof String text) {
                return text;
            }
            if (value != null || !optional) {
                problems.add("'" + field + "' is " + (value == null ? "missing" : "not text"));
            }
            return null;
        }

        private String aggregateIdentifier() {
            String aggregate = text("aggregateIdentifier", false);
            if (aggregate != null) {
                return aggregate;
            }
            return id.lastIndexOf('/') > 0 ? id.substring(0, id.lastIndexOf('/')) : id;
        }

        private long sequenceNumber() {
            Long number = wholeNumber(document.get("sequenceNumber"));
            if (number == null) {
                problems.add("'sequenceNumber' is not a whole number");
                Long fromId = sequenceFromId(document.get("_id"));
                return fromId == null ? 0 : fromId;
            }
            return number;
        }

        /** A date, or ISO-8601 text; the stored nanoseconds of the second refine it where present. */
        private Instant timestamp() {
            Object value = document.get("timestamp");
            Instant timestamp;
            if (value instanceof Date date) {
                timestamp = date.toInstant();
            } else if (value instanceof String text) {
                try {
                    timestamp = Instant.parse(text);
                } catch (DateTimeException notIso) {
                    problems.add("'timestamp' is text but not an ISO-8601 instant");
                    return Instant.EPOCH;
                }
            } else {
                problems.add("'timestamp' is " + (value == null ? "missing" : "not a date"));
                return Instant.EPOCH;
            }
            Long nanos = wholeNumber(document.get("timestampNanos"));
            if (nanos != null && nanos >= 0 && nanos < 1_000_000_000) {
                timestamp = timestamp.plusNanos(nanos - timestamp.getNano());
            }
            return timestamp;
        }
    }
}
