package se.medborgarlofte.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.bson.BsonBinarySubType;
import org.bson.BsonTimestamp;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static se.medborgarlofte.embedded.OrderedKeysH2DatabaseTest.withServer;

/**
 * The file-backed server's documents in BSON: what a client stored reads back the same after a restart, whatever its
 * kinds of values; what BSON can't carry exactly is stored as H2 stores it; a store written before reads as it was.
 */
class BsonStoredObjectsTest {

    @TempDir
    Path directory;

    @Test
    void documentsOfEveryKindReadBackTheSameAfterARestart() {
        String file = directory.resolve("kinds.mv.db").toString();
        List<org.bson.Document> stored = List.of(
                new org.bson.Document("_id", "text").append("name", "Trygghetsvandring i Gnosjö åäö")
                        .append("int", 42).append("long", 1L << 40).append("double", 2.5).append("yes", true)
                        .append("nothing", null).append("when", new Date(1_700_000_000_123L))
                        .append("nested", new org.bson.Document("list", List.of(1, "två", List.of(3.0))))
                        .append("bytes", new Binary(new byte[]{1, 2, 3})).append("money", new Decimal128(
                                new BigDecimal("12.50"))).append("stamp", new BsonTimestamp(7, 3))
                        .append("low", new MinKey()).append("high", new MaxKey()),
                new org.bson.Document("_id", new org.bson.types.ObjectId()).append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16])),
                new org.bson.Document("_id", new org.bson.Document("promise", "p1").append("n", 2)).append("x", 1));
        withServer(DurableH2Backend.open(file), things -> things.insertMany(stored));
        withServer(DurableH2Backend.open(file), things -> {
            for (org.bson.Document document : stored) {
                assertThat(things.find(new org.bson.Document("_id", document.get("_id"))).first())
                        .isEqualTo(document);
            }
        });
    }

    @Test
    void aDocumentIsStoredInBsonAndReadBackEqual() {
        Document document = new Document("_id", "p1/7").append("sequenceNumber", 7L).append("payload", "{\"a\":1}")
                .append("metaData", new Document("userId", "polis-1")).append("timestamp",
                        Instant.ofEpochMilli(1_700_000_000_123L)).append("tags", List.of("a", 2)).append("id",
                        new ObjectId());
        ByteBuffer bson = written(new BsonStoredObjects(), document);
        ByteBuffer java = written(new ObjectDataType(), document);

        assertThat(bson.get(0)).isEqualTo((byte) 120);
        assertThat(bson.remaining()).isLessThan(java.remaining());
        assertThat(new BsonStoredObjects().read(bson)).isEqualTo(document);
        assertThat(bson.remaining()).isZero();
    }

    @Test
    void whatBsonCannotCarryExactlyIsStoredAsH2StoresIt() {
        Document fine = new Document("at", Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
        KeyValue fineKey = new KeyValue("p1", fine.get("at"));
        KeyValue key = new KeyValue("p1", 7L);
        ObjectId id = new ObjectId();
        for (Object value : List.of(fine, fineKey, key, id, "text", 7L)) {
            ByteBuffer buffer = written(new BsonStoredObjects(), value);
            boolean exact = value == key || value == id;
            assertThat(buffer.get(0) >= 120 && buffer.get(0) <= 122).as("in BSON: %s", value).isEqualTo(exact);
            Object read = new BsonStoredObjects().read(buffer);
            assertThat(read).isEqualTo(value).hasSameClassAs(value);
        }
    }

    @Test
    void valuesWrittenInH2sOwnFormatReadAsTheyWere() {
        Document document = new Document("_id", "p1/7").append("n", 7);
        KeyValue key = new KeyValue("p1", 7L);
        for (Object value : List.of(document, key, new ObjectId(), "text")) {
            assertThat(new BsonStoredObjects().read(written(new ObjectDataType(), value))).isEqualTo(value);
        }
    }

    private static ByteBuffer written(ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer(64);
        type.write(buffer, value);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        return written;
    }
}
