package se.medborgarlofte.query.batch;

import com.mongodb.MongoClientSettings;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.UuidRepresentation;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.Codec;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A read model's document is stored byte for byte as the driver's codec would store it, whatever it holds. */
class RawDocumentsTest {

    final Codec<Document> codec = CodecRegistries.withUuidRepresentation(MongoClientSettings.getDefaultCodecRegistry(),
            UuidRepresentation.STANDARD).get(Document.class);

    final Codec<Document> notUsed = new DocumentCodec() {
        @Override
        public void encode(BsonWriter writer, Document document, EncoderContext context) {
            throw new AssertionError("encoded by the driver's codec: " + document.toJson());
        }
    };

    @Test
    void documentsOfTheKindsReadModelsStoreAreTheBytesTheDriverWrites() {
        List<Document> documents = List.of(
                // an activity as the activity log stores it (the id after other fields: still written first)
                new Document("promiseId", "p1").append("_id", "p1/a1").append("activityId", "a1")
                        .append("kind", "TRAFFIC_CONTROL").append("occurredOn", new Date(1_743_199_200_000L))
                        .append("commitmentIds", List.of("c1", "c2")).append("participants", List.of())
                        .append("outcomes", new Document("vehiclesChecked", 42).append("rattfylleri", 0))
                        .append("notes", "Två förare varnades vid Åsenskolan ✓").append("completes", true)
                        .append("lastSequence", 4_000_000_000L).append("corrections", 3)
                        .append("_class", "se.medborgarlofte.query.activity.ActivityDocument"),
                // a tally: packed cells, lists of names, a marker date
                new Document("_id", "p1").append("format", 2).append("lastSequence", 17L)
                        .append("kinds", List.of("TRAFFIC_CONTROL")).append("commitments", List.of(
                                new Document("commitmentId", "c1").append("activities", 2)
                                        .append("cells", new Binary(new byte[] {0, 0, 0, 1, -1, 127})),
                                new Document("commitmentId", "c2").append("cells", new Binary((byte) 0x80, new byte[3]))))
                        .append("raw", new byte[] {1, 2, 3}),
                // nested documents keep their order, an inner _id included; nulls, doubles, decimals, ids
                new Document("_id", new Document("promise", "p1").append("n", 2))
                        .append("inner", new Document("x", 1).append("_id", "kept in place"))
                        .append("map", Map.of("only", 1.5)).append("nothing", null).append("ratio", 0.25)
                        .append("amount", new Decimal128(new BigDecimal("12.50"))).append("ref", new ObjectId())
                        .append("nested", List.of(List.of(1, 2L), List.of(new Document("a", null)))),
                new Document());
        for (Document document : documents) {
            // written without the driver's codec
            assertThat(bytes(RawDocuments.encode(document, notUsed))).isEqualTo(bytes(RawDocuments.byDriver(document, codec)));
        }
        assertThat(RawDocuments.encode(documents.get(0), notUsed).getFirstKey()).isEqualTo("_id");
    }

    @Test
    void aDocumentWithAValueOfAnotherKindIsEncodedByTheDriver() {
        List<Document> documents = List.of(
                new Document("_id", "x").append("id", UUID.randomUUID()),
                new Document("_id", "x").append("set", new LinkedHashSet<>(List.of("a", "b"))),
                new Document("_id", "x").append("small", (short) 3).append("f", 1.5f),
                new Document("_id", "x").append("deep", List.of(new Document("d", new java.sql.Timestamp(5)))),
                new Document("_id", "x").append("array", new ArrayList<>(Arrays.asList("a", null))));
        for (Document document : documents) {
            assertThat(bytes(RawDocuments.encode(document, codec))).isEqualTo(bytes(RawDocuments.byDriver(document, codec)));
        }
    }

    private static byte[] bytes(org.bson.RawBsonDocument document) {
        var buffer = document.getByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
