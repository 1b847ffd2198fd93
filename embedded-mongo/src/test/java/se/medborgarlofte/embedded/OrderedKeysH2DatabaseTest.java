package se.medborgarlofte.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unique indexes of the file-backed server with keys compared as values: lookups and uniqueness as before, on a
 * fresh store and on one written by mongo-java-server's stock H2 database (whose index maps are taken over).
 */
class OrderedKeysH2DatabaseTest {

    @TempDir
    Path directory;

    /** Runs {@code work} on a collection of a server on {@code backend}, through the real driver. */
    static void withServer(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            work.accept(client.getDatabase("keys").getCollection("events"));
        } finally {
            server.shutdownNow();
        }
    }

    static Document event(String aggregate, long sequence) {
        return new Document("_id", aggregate + "/" + sequence).append("aggregateIdentifier", aggregate)
                .append("sequenceNumber", sequence).append("globalIndex", sequence * 1000 + aggregate.hashCode());
    }

    static void createIndexes(MongoCollection<Document> events) {
        events.createIndex(Indexes.ascending("globalIndex"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
    }

    static void assertLookupsAndUniqueness(MongoCollection<Document> events, List<Document> stored) {
        for (Document document : stored) {
            assertThat(events.find(Filters.eq("_id", document.get("_id"))).first()).isEqualTo(document);
            assertThat(events.find(Filters.and(Filters.eq("aggregateIdentifier", document.get("aggregateIdentifier")),
                    Filters.eq("sequenceNumber", document.get("sequenceNumber"))))).containsExactly(document);
            assertThat(events.find(Filters.eq("globalIndex", document.get("globalIndex")))).containsExactly(document);
        }
        Document first = stored.get(0);
        assertThatThrownBy(() -> events.insertOne(new Document(first).append("_id", "other")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> events.insertOne(new Document(first).append("globalIndex", -1L)))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThat(events.countDocuments()).isEqualTo(stored.size());
    }

    @Test
    void lookupsAndUniqueKeysWorkAsBeforeWithKeysOfEveryKind() {
        List<Document> stored = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            stored.add(event("p" + random.nextInt(40), i));
        }
        stored.add(new Document("_id", new ObjectId()).append("aggregateIdentifier", "x").append("sequenceNumber", 0L)
                .append("globalIndex", -5L));
        stored.add(new Document("_id", new Document("promise", "p1").append("n", 2)).append("aggregateIdentifier", "y")
                .append("sequenceNumber", 0L).append("globalIndex", 3.5));
        withServer(DurableH2Backend.open(directory.resolve("fresh.mv.db").toString()), events -> {
            createIndexes(events);
            events.insertMany(stored);
            assertLookupsAndUniqueness(events, stored);
            events.deleteOne(Filters.eq("_id", stored.get(5).get("_id")));
            assertThat(events.find(Filters.eq("globalIndex", stored.get(5).get("globalIndex"))).first()).isNull();
            events.insertOne(stored.get(5));
        });
        withServer(DurableH2Backend.open(directory.resolve("fresh.mv.db").toString()),
                events -> assertLookupsAndUniqueness(events, stored));
    }

    @Test
    void aStoreWrittenByTheStockDatabaseKeepsItsIndexes() {
        String file = directory.resolve("stock.mv.db").toString();
        List<Document> stored = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            stored.add(event("p" + (i % 17), i));
        }
        withServer(new H2Backend(file), events -> {
            createIndexes(events);
            events.insertMany(stored);
        });
        withServer(DurableH2Backend.open(file), events -> assertLookupsAndUniqueness(events, stored));

        MVStore store = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            assertThat(store.getMapNames()).noneMatch(name -> name.contains("._index_"))
                    .anyMatch(name -> name.endsWith("._keys_globalIndex_1"));
        } finally {
            store.close();
        }
    }

    @Test
    void collStatsReportsTheSizeOfTheDocumentsAsTheyAreNow() {
        MongoBackend backend = DurableH2Backend.open(directory.resolve("sizes.mv.db").toString());
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoDatabase database = client.getDatabase("keys");
            MongoCollection<Document> events = database.getCollection("events");
            List<Document> stored = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                stored.add(event("p" + i % 3, i).append("notes", "Trygghetsvandring på torget ".repeat(i % 5)));
            }
            events.insertMany(stored);
            events.updateOne(Filters.eq("_id", stored.get(0).get("_id")), Updates.set("notes", "längre ".repeat(40)));
            events.deleteOne(Filters.eq("_id", stored.get(1).get("_id")));

            long expected = 0;
            for (Document document : events.find()) {
                expected += new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
            }
            Document stats = database.runCommand(new Document("collStats", "events"));
            assertThat(stats.get("count")).isEqualTo(49);
            assertThat(((Number) stats.get("size")).longValue()).isEqualTo(expected);
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void twoKeysCompareAsEqualExactlyWhenTheyAreEqual() {
        OrderedKeysH2Database.KeyOrder order = new OrderedKeysH2Database.KeyOrder();
        assertThat(order.compare(new KeyValue("a", 1L), new KeyValue("a", 1L))).isZero();
        assertThat(order.compare(new KeyValue("a", 1L), new KeyValue("a", 2L))).isNegative();
        assertThat(order.compare(new KeyValue("a", 2L), new KeyValue("a", 1L))).isPositive();
        assertThat(order.compare(new KeyValue("a", 1L), new KeyValue("a", 1.0))).isNotZero();
        assertThat(order.compare(new KeyValue(new Document("x", 1)), new KeyValue(new Document("x", 1)))).isZero();
        assertThat(order.compare(new KeyValue(new Document("x", 1)), new KeyValue(new Document("x", 2)))).isNotZero();
    }
}
