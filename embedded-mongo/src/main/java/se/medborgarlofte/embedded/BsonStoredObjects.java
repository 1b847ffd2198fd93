package se.medborgarlofte.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file-backed store's documents, index keys and ids in BSON instead of Java serialization. H2 stores an object of
 * a class it does not know (mongo-java-server's {@link Document}, {@link KeyValue}, {@link ObjectId}) by Java
 * serialization, with a new object stream per object: 7 µs to write and 16 µs to read an event of 1.5 KB, against
 * 1.5 and 2.4 µs in BSON (this machine); the replay of the read models spent about a sixth of its CPU time on it
 * (Java Flight Recorder). H2 also counts such an object as twice its serialized size in its page cache, so fewer
 * pages stayed in it.
 * <p>
 * Only values that come back from BSON equal to what they were, of the same classes (lists as lists), are written so
 * ({@link #exact}); anything else (an {@code Instant} finer than a millisecond, a {@code Missing} key part) is written
 * by H2 as before. Reading tells the two apart by the first byte, whose values here H2's own format never uses, so a
 * store written before reads as it was and is rewritten in BSON page by page as its pages change. The order of keys
 * is H2's, unchanged: only the stored form differs.
 */
class BsonStoredObjects extends ObjectDataType {

    /** Tags after the last one H2's {@code ObjectDataType} writes (119). */
    private static final byte TAG_DOCUMENT = 120;
    private static final byte TAG_KEY = 121;
    private static final byte TAG_VALUE = 122;

    private static final Set<Class<?>> EXACT = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, ObjectId.class, BinData.class, Decimal128.class, BsonTimestamp.class, MaxKey.class,
            MinKey.class);

    /** What H2 writes in a format of its own, compactly. */
    private static final Set<Class<?>> NATIVE = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class);

    /** The estimate of a document's size in the page cache: twice its BSON, as H2 does for what it serializes. */
    private volatile int averageMemory = 4096;

    @Override
    public void write(WriteBuffer buff, Object obj) {
        byte tag;
        Map<String, ?> wrapped;
        if (obj instanceof Document document && exact(document)) {
            tag = TAG_DOCUMENT;
            wrapped = document;
        } else if (obj instanceof KeyValue key && exact(key.stream().toList())) {
            tag = TAG_KEY;
            wrapped = Map.of("k", key.stream().toList());
        } else if (obj != null && !NATIVE.contains(obj.getClass()) && !(obj instanceof Document)
                   && !(obj instanceof KeyValue) && exact(obj)) {
            tag = TAG_VALUE;
            wrapped = Map.of("v", obj);
        } else {
            super.write(buff, obj);
            return;
        }
        ByteBuf bson = Unpooled.buffer(256);
        BsonEncoder.encodeDocument(wrapped, bson);
        int length = bson.readableBytes();
        if (tag == TAG_DOCUMENT) {
            averageMemory = (2 * length + 15 * averageMemory) / 16;
        }
        buff.put(tag).putVarInt(length).put(bson.nioBuffer());
    }

    @Override
    public Object read(ByteBuffer buff) {
        byte tag = buff.get(buff.position());
        if (tag != TAG_DOCUMENT && tag != TAG_KEY && tag != TAG_VALUE) {
            return super.read(buff);
        }
        buff.get();
        int length = DataUtils.readVarInt(buff);
        ByteBuffer bson = buff.slice();
        bson.limit(length);
        buff.position(buff.position() + length);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        return switch (tag) {
            case TAG_DOCUMENT -> document;
            case TAG_KEY -> new KeyValue((List<?>) document.get("k"));
            default -> document.get("v");
        };
    }

    @Override
    public int getMemory(Object obj) {
        return obj instanceof Document ? averageMemory : super.getMemory(obj);
    }

    /**
     * Whether {@code value} comes back from BSON equal and of the same classes: documents, lists and the BSON
     * scalars mongo-java-server decodes to, dates to the millisecond.
     */
    static boolean exact(Object value) {
        if (value == null || EXACT.contains(value.getClass())) {
            return true;
        }
        if (value instanceof Instant instant) {
            return instant.getNano() % 1_000_000 == 0;
        }
        if (value instanceof Document document) {
            for (Object element : document.values()) {
                if (!exact(element)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!exact(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
