package se.medborgarlofte.eventstore;

import se.medborgarlofte.embedded.EmbeddedMongoServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;

import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Old event shapes stay readable: the engine reads through the upcaster chain it is given, for an aggregate's
 * stream (the command side) and for the tracked stream (the read models) alike.
 */
class UpcastingTest {

    static final String OLD_TYPE = "legacy.ActivityWithdrawn";
    final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    final MongoClient client = MongoClients.create(server.connectionString());
    final MongoDatabase database = client.getDatabase("upcasting");

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    /** An event written before the rename: {@code ActivityWithdrawn} with its reason in {@code why}. */
    static final class WithdrawnToRetracted extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(OLD_TYPE);
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(
                    new SimpleSerializedType(ActivityRetracted.class.getName(), null), JsonNode.class, json -> {
                        ObjectNode node = (ObjectNode) json;
                        node.set("reason", node.remove("why"));
                        return node;
                    });
        }
    }

    SequencedMongoEventStorageEngine engine(boolean withUpcaster) {
        SequencedMongoEventStorageEngine.Builder builder = SequencedMongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(AxonSerialization.serializer())
                .snapshotSerializer(AxonSerialization.serializer());
        if (withUpcaster) {
            builder.upcasterChain(new WithdrawnToRetracted());
        }
        return builder.build();
    }

    void storeOldEvent() {
        database.getCollection("eventCounters").updateOne(new Document("_id", "globalIndex"),
                new Document("$set", new Document("value", 1L)), new com.mongodb.client.model.UpdateOptions().upsert(true));
        database.getCollection("events").insertOne(new Document("_id", "p1/0").append("globalIndex", 1L)
                .append("aggregateIdentifier", "p1").append("sequenceNumber", 0L).append("type", "Promise")
                .append("eventIdentifier", "e-old").append("timestamp", new Date()).append("timestampNanos", 0)
                .append("payloadType", OLD_TYPE).append("payloadRevision", null)
                .append("payload", "{\"promiseId\":{\"value\":\"p1\"},\"activityId\":{\"value\":\"a1\"},"
                                   + "\"why\":\"Dubbelregistrerad\"}")
                .append("metaData", "{}"));
    }

    @Test
    void anOldEventShapeIsReadThroughTheUpcasterByTheAggregateAndByTheReadModels() {
        SequencedMongoEventStorageEngine engine = engine(true);
        storeOldEvent();

        DomainEventMessage<?> loaded = engine.readEvents("p1").next();
        assertThat(loaded.getPayload()).isInstanceOfSatisfying(ActivityRetracted.class,
                retracted -> assertThat(retracted.reason()).isEqualTo("Dubbelregistrerad"));
        List<? extends TrackedEventMessage<?>> tracked = engine.readEvents(null, false).toList();
        assertThat(tracked).singleElement().satisfies(event -> assertThat(event.getPayload())
                .isEqualTo(new ActivityRetracted(((ActivityRetracted) loaded.getPayload()).promiseId(),
                        ((ActivityRetracted) loaded.getPayload()).activityId(), "Dubbelregistrerad")));
    }

    @Test
    void withoutTheUpcasterTheOldShapeIsNotAnEventOfToday() {
        SequencedMongoEventStorageEngine engine = engine(false);
        storeOldEvent();
        assertThat(engine.readEvents("p1").next().getPayloadType()).isNotEqualTo(ActivityRetracted.class);
    }
}
