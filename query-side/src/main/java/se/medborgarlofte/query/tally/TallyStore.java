package se.medborgarlofte.query.tally;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import se.medborgarlofte.query.generation.ReadModelCollections;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.query.batch.DocumentBatch;
import se.medborgarlofte.query.batch.DocumentStore;
import se.medborgarlofte.query.tally.ActivityTally.Cell;
import se.medborgarlofte.query.tally.ActivityTally.OutcomeSum;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the promises' tallies live: collection {@value #COLLECTION}, one document per promise. A tally is read on
 * every progress request that is not answered from the cache, so its cells are packed: as a document of their own
 * each, the field names alone cost more to encode and decode (in the embedded server, the driver and the object
 * mapper) than the rest of the request. A document reads as
 * <pre>
 * { _id: promiseId, format: 2, lastSequence, lastChangedAt,
 *   kinds: [ "TRAFFIC_CONTROL", ... ], municipalities: [ "Gnosjö", ... ], measures: [ "vehiclesChecked", ... ],
 *   commitments: [ { commitmentId, activities (all its cells added up, for people reading the document),
 *                    cells: BinData } ] }
 * </pre>
 * where {@code cells} is, big-endian: the number of cells, then per cell the day (epoch day, int), the kind and the
 * municipality (short indexes into {@code kinds} and {@code municipalities}, -1 for none), activities and completing
 * (int), the number of outcome measures (short) and per measure its index into {@code measures} (short), sum and
 * reports (int). The collection also holds one marker document, {@value #BACKFILLED}, once its tallies have been
 * counted from the activity documents (see {@code TallyBackfill}); a tally in another format is refused with a
 * message saying to drop the collection, which the next start counts again.
 */
@Component
public class TallyStore {

    public static final String COLLECTION = "progressTallies";
    /** The id of the marker document; no promise id can start with '#'. */
    public static final String BACKFILLED = "#backfilled";

    static final int FORMAT = 2;

    private final MongoTemplate mongo;
    private final Supplier<String> collection;

    /** The tallies of generation 0 (outside the application). */
    public TallyStore(MongoTemplate mongo) {
        this(mongo, () -> COLLECTION);
    }

    /** The tallies of the active generation. */
    @Autowired
    public TallyStore(MongoTemplate mongo, ReadModelCollections collections) {
        this(mongo, () -> collections.name(COLLECTION));
    }

    private TallyStore(MongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    public Optional<PromiseTally> find(String promiseId) {
        return Optional.ofNullable(mongo.execute(collection.get(), tallies -> tallies.find(Filters.eq("_id", promiseId))
                .first())).map(TallyStore::decode);
    }

    /** Every promise's tally, by promise id (the marker left out). */
    public Map<String, PromiseTally> findAll() {
        Map<String, PromiseTally> all = new LinkedHashMap<>();
        for (Document document : collection().find(Filters.ne("_id", BACKFILLED))) {
            PromiseTally tally = decode(document);
            all.put(tally.promiseId, tally);
        }
        return all;
    }

    /** The tallies, written with the batch of events that changed them ({@link DocumentBatch}). */
    public DocumentStore<PromiseTally> batchStore() {
        return batchStore(mongo, collection);
    }

    /** The tallies in the collection {@code collectionOfBatch} names when each batch of events begins. */
    public static DocumentStore<PromiseTally> batchStore(MongoTemplate mongo, Supplier<String> collectionOfBatch) {
        return DocumentStore.perBatch(() -> DocumentStore.inCollection(mongo.getCollection(collectionOfBatch.get()),
                TallyStore::decode, TallyStore::encode, PromiseTally::copy));
    }

    /** Marks {@code collection} as counted from events, so that {@code TallyBackfill} leaves it alone. */
    public static void markCounted(MongoTemplate mongo, String collection) {
        mongo.getCollection(collection).insertOne(new Document("_id", BACKFILLED).append("at", new Date()));
    }

    public boolean backfilled() {
        return collection().find(Filters.eq("_id", BACKFILLED)).first() != null;
    }

    /**
     * Replaces every tally with {@code tallies}, then marks the collection as counted. A crash in between leaves
     * the marker out, and the next start counts again.
     */
    public void replaceAll(Collection<PromiseTally> tallies) {
        execute(collection -> collection.deleteMany(new Document()));
        List<Document> documents = new ArrayList<>();
        for (PromiseTally tally : tallies) {
            documents.add(encode(tally));
            if (documents.size() == 500) {
                List<Document> chunk = List.copyOf(documents);
                execute(collection -> collection.insertMany(chunk));
                documents.clear();
            }
        }
        if (!documents.isEmpty()) {
            execute(collection -> collection.insertMany(documents));
        }
        execute(collection -> collection.insertOne(new Document("_id", BACKFILLED).append("at", new Date())));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(collection.get());
    }

    /** Through the template, so that a failure is translated as for every other read model. */
    private void execute(Function<MongoCollection<Document>, Object> action) {
        mongo.execute(collection.get(), action::apply);
    }

    static Document encode(PromiseTally tally) {
        Dictionary kinds = new Dictionary();
        Dictionary municipalities = new Dictionary();
        Dictionary measures = new Dictionary();
        List<Document> commitments = new ArrayList<>();
        tally.tally.all().forEach((commitmentId, cells) -> {
            ByteBuffer packed = ByteBuffer.allocate(cellsSize(cells));
            packed.putInt(cells.size());
            int activities = 0;
            for (Cell cell : cells) {
                packed.putInt((int) cell.day().toEpochDay());
                packed.putShort(kinds.index(cell.kind() == null ? null : cell.kind().name()));
                packed.putShort(municipalities.index(cell.municipality()));
                packed.putInt(cell.activities());
                packed.putInt(cell.completing());
                packed.putShort((short) cell.outcomes().size());
                for (Map.Entry<String, OutcomeSum> outcome : new TreeMap<>(cell.outcomes()).entrySet()) {
                    packed.putShort(measures.index(outcome.getKey()));
                    packed.putInt(outcome.getValue().sum());
                    packed.putInt(outcome.getValue().reports());
                }
                activities += cell.activities();
            }
            commitments.add(new Document("commitmentId", commitmentId).append("activities", activities)
                    .append("cells", new Binary(packed.array())));
        });
        Document document = new Document("_id", tally.promiseId).append("format", FORMAT)
                .append("lastSequence", tally.lastSequence);
        if (tally.lastChangedAt != null) {
            document.append("lastChangedAt", Date.from(tally.lastChangedAt));
        }
        return document.append("kinds", kinds.values).append("municipalities", municipalities.values)
                .append("measures", measures.values).append("commitments", commitments);
    }

    private static int cellsSize(List<Cell> cells) {
        int size = 4;
        for (Cell cell : cells) {
            size += 4 + 2 + 2 + 4 + 4 + 2 + cell.outcomes().size() * 10;
        }
        return size;
    }

    static PromiseTally decode(Document document) {
        Integer format = document.getInteger("format");
        if (format == null || format != FORMAT) {
            throw new IllegalStateException("Tally of " + document.get("_id") + " is stored in format " + format
                                            + ", not " + FORMAT + ": drop " + COLLECTION + " and restart to count it again");
        }
        List<String> kinds = document.getList("kinds", String.class, List.of());
        List<String> municipalities = document.getList("municipalities", String.class, List.of());
        List<String> measures = document.getList("measures", String.class, List.of());
        ActivityKind[] kindValues = new ActivityKind[kinds.size()];
        for (int i = 0; i < kindValues.length; i++) {
            kindValues[i] = ActivityKind.valueOf(kinds.get(i));
        }
        ActivityTally tally = new ActivityTally();
        for (Document commitment : document.getList("commitments", Document.class, List.of())) {
            String commitmentId = commitment.getString("commitmentId");
            ByteBuffer packed = ByteBuffer.wrap(commitment.get("cells", Binary.class).getData());
            int count = packed.getInt();
            for (int c = 0; c < count; c++) {
                LocalDate day = LocalDate.ofEpochDay(packed.getInt());
                short kind = packed.getShort();
                short municipality = packed.getShort();
                int activities = packed.getInt();
                int completing = packed.getInt();
                int outcomeCount = packed.getShort();
                Map<String, OutcomeSum> outcomes = outcomeCount == 0 ? Map.of() : new HashMap<>(outcomeCount * 2);
                for (int o = 0; o < outcomeCount; o++) {
                    outcomes.put(measures.get(packed.getShort()), new OutcomeSum(packed.getInt(), packed.getInt()));
                }
                tally.put(commitmentId, new Cell(kind < 0 ? null : kindValues[kind],
                        municipality < 0 ? null : municipalities.get(municipality), day, activities, completing,
                        outcomes));
            }
        }
        Date changedAt = document.getDate("lastChangedAt");
        Number sequence = document.get("lastSequence", Number.class);
        return new PromiseTally(document.getString("_id"), sequence == null ? -1 : sequence.longValue(),
                changedAt == null ? null : changedAt.toInstant(), tally);
    }

    /** The distinct strings of a document, each stored once and named by its index (null: -1). */
    private static final class Dictionary {
        private final List<String> values = new ArrayList<>();
        private final Map<String, Short> indexes = new HashMap<>();

        short index(String value) {
            if (value == null) {
                return -1;
            }
            return indexes.computeIfAbsent(value, v -> {
                if (values.size() == Short.MAX_VALUE) {
                    throw new IllegalStateException("More than " + Short.MAX_VALUE + " distinct values in a tally");
                }
                values.add(v);
                return (short) (values.size() - 1);
            });
        }
    }
}
