package se.medborgarlofte.eventstore.embedded;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.medborgarlofte.eventstore.AxonSerialization;
import se.medborgarlofte.eventstore.SequencedMongoEventStorageEngine;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.embedded.DurableH2Backend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file-backed embedded store answers an append only once the file has been synced: counted at the file channel
 * ({@link SyncCountingFiles}), where a sync either happened or did not.
 */
class DurableH2BackendTest {

    @TempDir
    Path directory;
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    record Server(DurableH2Backend backend, MongoClient client) {
        SequencedMongoEventStorageEngine engine() {
            return SequencedMongoEventStorageEngine.builder().database(client.getDatabase("durable"))
                    .eventSerializer(AxonSerialization.serializer()).snapshotSerializer(AxonSerialization.serializer())
                    .build();
        }
    }

    Server start() {
        DurableH2Backend backend = DurableH2Backend.open(SyncCountingFiles.url(directory.resolve("mongo.mv.db")));
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        var address = server.bind();
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        open.add(server::shutdownNow);
        open.add(client);
        return new Server(backend, client);
    }

    static GenericDomainEventMessage<ActivityRetracted> event(String promise, long sequence) {
        return new GenericDomainEventMessage<>("Promise", promise, sequence,
                new ActivityRetracted(new PromiseId(promise), new ActivityId("a" + sequence), "skäl"));
    }

    @Test
    void everyAppendIsAnsweredOnlyAfterTheFileWasSyncedWithItsWrites() {
        SequencedMongoEventStorageEngine engine = start().engine();
        for (long sequence = 0; sequence < 20; sequence++) {
            long forcesBefore = SyncCountingFiles.FORCES.get();
            long writesBefore = SyncCountingFiles.WRITES.get();
            engine.appendEvents(event("p1", sequence));
            assertThat(SyncCountingFiles.FORCES.get()).as("syncs during append %d", sequence)
                    .isGreaterThan(forcesBefore);
            assertThat(SyncCountingFiles.WRITES_SYNCED.get()).as("a sync after the append's own writes")
                    .isGreaterThan(writesBefore);
        }
    }

    @Test
    void writesThatDoNotAskForTheJournalAreNotSyncedOneByOne() {
        Server server = start();
        MongoCollection<Document> readModel = server.client().getDatabase("durable").getCollection("readModel")
                .withWriteConcern(WriteConcern.ACKNOWLEDGED);
        readModel.insertOne(new Document("_id", "warm-up"));
        long forcesBefore = SyncCountingFiles.FORCES.get();
        for (int i = 0; i < 20; i++) {
            readModel.insertOne(new Document("_id", "doc" + i));
        }
        assertThat(SyncCountingFiles.FORCES.get()).isEqualTo(forcesBefore);
        readModel.withWriteConcern(WriteConcern.JOURNALED).insertOne(new Document("_id", "journaled"));
        assertThat(SyncCountingFiles.FORCES.get()).isGreaterThan(forcesBefore);
    }

    @Test
    void eventsOfConcurrentWritersAreAllThereWhenTheFileIsOpenedAgain() throws Exception {
        SequencedMongoEventStorageEngine engine = start().engine();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            String promise = "p" + writer;
            writers.add(CompletableFuture.runAsync(() -> {
                for (long sequence = 0; sequence < 25; sequence++) {
                    engine.appendEvents(event(promise, sequence));
                }
            }));
        }
        writers.forEach(CompletableFuture::join);
        closeAll();

        Server reopened = start();
        assertThat(reopened.client().getDatabase("durable").getCollection("events").countDocuments()).isEqualTo(200);
    }
}
