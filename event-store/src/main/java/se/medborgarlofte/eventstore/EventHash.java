package se.medborgarlofte.eventstore;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 hash of a stored event, computed from the stored document alone, so that it can be computed again
 * whatever the serializer or the upcasters do later.
 * <p>
 * The hash covers, in this order, each field framed as a 4-byte big-endian length and its UTF-8 bytes (a missing
 * field as length -1): the version tag {@value #VERSION}, {@code aggregateIdentifier}, {@code sequenceNumber},
 * {@code type}, {@code eventIdentifier}, {@code timestamp} (milliseconds since the epoch), {@code timestampNanos},
 * {@code payloadType}, {@code payloadRevision}, {@code payload}, {@code metaData} (the stored JSON text, byte for
 * byte) and the previous event's hash (hex). Numbers count by value (a sequence number rewritten as a 32-bit integer
 * keeps its hash); any other change to these fields changes it. The global sequence number is not covered: a writer
 * whose number was taken stores the same event under a new one.
 */
public final class EventHash {

    static final String VERSION = "medborgarlofte-event-v1";
    static final List<String> FIELDS = List.of("aggregateIdentifier", "sequenceNumber", "type", "eventIdentifier",
            "timestamp", "timestampNanos", "payloadType", "payloadRevision", "payload", "metaData");

    private EventHash() {
    }

    /** The hash of the stored event {@code document} chained to {@code previousHash} (null for the first). */
    public static String of(Document document, String previousHash) {
        MessageDigest digest = sha256();
        frame(digest, VERSION);
        for (String field : FIELDS) {
            frame(digest, canonical(document.get(field)));
        }
        frame(digest, previousHash);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 over the framed {@code parts}, as hex: for genesis entries and anchors. */
    public static String ofParts(List<String> parts) {
        MessageDigest digest = sha256();
        parts.forEach(part -> frame(digest, part));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return "date:" + date.getTime();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Long.toString(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return number == Math.rint(number) && Math.abs(number) < 9.0E15 ? Long.toString((long) number)
                    : "double:" + value;
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue().stripTrailingZeros().toPlainString();
        }
        if (value instanceof String text) {
            return text;
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    private static void frame(MessageDigest digest, String part) {
        if (part == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
