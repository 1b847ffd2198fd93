package se.medborgarlofte.eventstore.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import se.medborgarlofte.eventstore.AxonSerialization;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.eventstore.SequencedMongoEventStorageEngine;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseId;

import java.nio.file.Path;

/**
 * The process {@link EngineCrashTest} kills: the engine on the file-backed embedded server, four writers appending
 * until the end, each printing {@code ACK <event id>} once its append has been answered.
 * Arguments: the data folder, and a name for this run (part of every aggregate id).
 */
public final class EngineCrashWriter {

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        String run = args[1];
        EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(data, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(server.connectionString());
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                .database(client.getDatabase("crash")).eventSerializer(AxonSerialization.serializer())
                .snapshotSerializer(AxonSerialization.serializer()).build();
        for (int writer = 0; writer < 4; writer++) {
            String aggregate = run + "-w" + writer;
            Thread thread = new Thread(() -> {
                for (long sequence = 0; ; sequence++) {
                    engine.appendEvents(new GenericDomainEventMessage<>("Promise", aggregate, sequence,
                            new ActivityRetracted(new PromiseId(aggregate), new ActivityId("a" + sequence), "skäl")));
                    System.out.println("ACK " + aggregate + "/" + sequence);
                }
            }, "writer-" + writer);
            thread.start();
        }
    }
}
