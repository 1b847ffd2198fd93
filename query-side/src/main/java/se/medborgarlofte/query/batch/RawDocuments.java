package se.medborgarlofte.query.batch;

import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A read model's stored document in BSON, as the driver's {@code DocumentCodec} would encode it, written straight
 * from the values of the kinds read models store (text, numbers, booleans, dates, ids, binary data, lists and embedded
 * documents). The driver's codec looks a codec up for every value and, below the top level, checks its registry chain
 * for cycles: a third of the time a read model's bulk write spent in the driver in a replay (Java Flight Recorder). A
 * document holding a value of any other kind is encoded by the driver's codec.
 */
final class RawDocuments {

    private RawDocuments() {
    }

    /** {@code document} in BSON, its {@code _id} first (as the driver writes a document it inserts). */
    static RawBsonDocument encode(Document document, Codec<Document> codec) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(512);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            if (!writeDocument(writer, document, document.get("_id"))) {
                return byDriver(document, codec);
            }
        }
        return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
    }

    /** What the driver's codec makes of a document it inserts. */
    static RawBsonDocument byDriver(Document document, Codec<Document> codec) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(512);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            codec.encode(writer, document, EncoderContext.builder().isEncodingCollectibleDocument(true).build());
        }
        return new RawBsonDocument(buffer.getInternalBuffer(), 0, buffer.getPosition());
    }

    /** {@code id}: written first (null below the top level, where fields keep their order). */
    private static boolean writeDocument(BsonWriter writer, Map<?, ?> document, Object id) {
        writer.writeStartDocument();
        if (id != null && !writeField(writer, "_id", id)) {
            return false;
        }
        for (Map.Entry<?, ?> field : document.entrySet()) {
            if (!(field.getKey() instanceof String name)) {
                return false;
            }
            if (!(id != null && name.equals("_id")) && !writeField(writer, name, field.getValue())) {
                return false;
            }
        }
        writer.writeEndDocument();
        return true;
    }

    private static boolean writeField(BsonWriter writer, String name, Object value) {
        writer.writeName(name);
        return writeValue(writer, value);
    }

    private static boolean writeValue(BsonWriter writer, Object value) {
        if (value == null) {
            writer.writeNull();
        } else if (value instanceof String text) {
            writer.writeString(text);
        } else if (value instanceof Integer number) {
            writer.writeInt32(number);
        } else if (value instanceof Long number) {
            writer.writeInt64(number);
        } else if (value instanceof Double number) {
            writer.writeDouble(number);
        } else if (value instanceof Boolean bool) {
            writer.writeBoolean(bool);
        } else if (value.getClass() == Date.class) {
            Date date = (Date) value;
            writer.writeDateTime(date.getTime());
        } else if (value instanceof ObjectId objectId) {
            writer.writeObjectId(objectId);
        } else if (value instanceof Decimal128 decimal) {
            writer.writeDecimal128(decimal);
        } else if (value instanceof Binary binary) {
            writer.writeBinaryData(new BsonBinary(binary.getType(), binary.getData()));
        } else if (value instanceof byte[] bytes) {
            writer.writeBinaryData(new BsonBinary(bytes));
        } else if (value instanceof Map<?, ?> document) {
            return writeDocument(writer, document, null);
        } else if (value instanceof List<?> list) {
            writer.writeStartArray();
            for (Object element : list) {
                if (!writeValue(writer, element)) {
                    return false;
                }
            }
            writer.writeEndArray();
        } else {
            return false;
        }
        return true;
    }
}
