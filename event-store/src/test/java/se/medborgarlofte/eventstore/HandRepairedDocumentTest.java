package se.medborgarlofte.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.UnknownSerializedType;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Documents as an operator leaves them after repairing one by hand with {@code mongosh}: its numbers become 32-bit
 * integers or doubles, a field gets the wrong type or goes missing. Numbers are read as numbers; a document that
 * still can't be read becomes an unreadable event in its place, and the stream goes on past it (before, a
 * {@code ClassCastException} stopped the reader of every processor, retried many times a second).
 */
class HandRepairedDocumentTest extends EngineTestSupport {

    void set(String id, String field, Object value) {
        database.getCollection("events").updateOne(new Document("_id", id),
                new Document("$set", new Document(field, value)));
    }

    List<TrackedEventMessage<?>> readAll() {
        return read(engine, null);
    }

    List<? extends DomainEventMessage<?>> aggregate(String id) {
        return engine.readEvents(id).asStream().toList();
    }

    @Test
    void numbersWrittenAsIntegersDoublesOrDecimalsAreReadAsTheNumbersTheyAre() {
        for (int i = 0; i < 4; i++) {
            engine.appendEvents(event("p1", i));
        }
        set("p1/0", "sequenceNumber", 0);
        set("p1/1", "sequenceNumber", 1.0d);
        set("p1/1", "globalIndex", 2.0d);
        set("p1/2", "sequenceNumber", new Decimal128(2));
        set("p1/2", "globalIndex", 3);
        set("p1/3", "timestampNanos", 987_000_000.0d);

        List<TrackedEventMessage<?>> tracked = readAll();
        assertThat(tracked).extracting(EngineTestSupport::index).containsExactly(1L, 2L, 3L, 4L);
        assertThat(tracked).extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(tracked).allSatisfy(event -> assertThat(event.getPayload()).isInstanceOf(ActivityRetracted.class));
        assertThat(tracked.get(3).getTimestamp().getNano()).isEqualTo(987_000_000);
        assertThat(aggregate("p1")).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L, 3L);
        assertThat(engine.lastSequenceNumberFor("p1")).contains(3L);
    }

    @Test
    void aDocumentThatStillCantBeReadIsAnUnreadableEventAndTheStreamGoesOnPastIt() {
        engine.appendEvents(event("p1", 0), event("p1", 1), event("p2", 0));
        set("p1/0", "payload", new Document("promiseId", "p1"));
        set("p1/1", "timestamp", "Sat Nov 22 2026 10:00:00 GMT+0100");

        List<TrackedEventMessage<?>> tracked = readAll();
        assertThat(tracked).hasSize(3);
        DomainEventMessage<?> first = (DomainEventMessage<?>) tracked.get(0);
        assertThat(first.getAggregateIdentifier()).isEqualTo("p1");
        assertThat(first.getSequenceNumber()).isZero();
        assertThat(first.getPayloadType()).as("the stored type, so the read models' handlers get it")
                .isEqualTo(ActivityRetracted.class);
        assertThatThrownBy(first::getPayload).isInstanceOf(SerializationException.class);
        assertThat(EventDocuments.unreadableReason(first.serializePayload(serializer(), String.class).getData()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("p1/0", "'payload' is not text"));
        assertThat(EventDocuments.unreadableReason(((DomainEventMessage<?>) tracked.get(1))
                .serializePayload(serializer(), String.class).getData()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("p1/1", "'timestamp'"));
        assertThat(tracked.get(2).getPayload()).isInstanceOf(ActivityRetracted.class);

        assertThatThrownBy(() -> aggregate("p1").forEach(DomainEventMessage::getPayload))
                .as("the aggregate does not load without the event").isInstanceOf(SerializationException.class);
    }

    @Test
    void aDocumentWhosePayloadTypeCantBeReadIsAnUnreadableEventOfItsOwnType() {
        engine.appendEvents(event("p1", 0), event("p1", 1));
        set("p1/0", "payloadType", 42);
        database.getCollection("events").updateOne(new Document("_id", "p1/1"),
                new Document("$unset", new Document("sequenceNumber", "")));

        List<TrackedEventMessage<?>> tracked = readAll();
        assertThat(tracked).hasSize(2);
        assertThat(tracked.get(0).getPayloadType()).isEqualTo(UnknownSerializedType.class);
        assertThat(((UnknownSerializedType) tracked.get(0).getPayload()).serializedType().getName())
                .isEqualTo(EventDocuments.UNREADABLE_TYPE);
        assertThat(((DomainEventMessage<?>) tracked.get(1)).getSequenceNumber()).as("from the _id").isEqualTo(1);
        assertThat(engine.lastSequenceNumberFor("p1")).isPresent();
    }

    @Test
    void aSequenceNumberWithAFractionIsNotTakenForAWholeOne() {
        engine.appendEvents(event("p1", 0));
        set("p1/0", "sequenceNumber", 0.5d);

        DomainEventMessage<?> event = (DomainEventMessage<?>) readAll().get(0);
        assertThat(event.getSequenceNumber()).as("from the _id").isZero();
        assertThatThrownBy(event::getPayload).isInstanceOf(SerializationException.class);
    }

    /** The engine's own: the stored text is then handed on as it is, without reading it. */
    org.axonframework.serialization.Serializer serializer() {
        return engine.getEventSerializer();
    }
}
