package se.medborgarlofte.query.tally;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.query.batch.DocumentBatch;
import se.medborgarlofte.query.tally.ActivityTally.Cell;
import se.medborgarlofte.query.tally.ActivityTally.OutcomeSum;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the promises' tallies live: collection {@value #COLLECTION}, one document per promise, read and written as
 * plain BSON (a tally is read on every progress request, and the object mapper would cost more than the rest of
 * the request). A document reads as
 * <pre>
 * { _id: promiseId, lastSequence, lastChangedAt,
 *   commitments: [ { commitmentId, cells: [ { day: "2025-02-01", kind, municipality, activities, completing,
 *                                              outcomes: [ { measure, sum, reports } ] } ] } ] }
 * </pre>
 * ({@code municipality}, {@code completing} and {@code outcomes} left out where there are none). The collection
 * also holds one marker document, {@value #BACKFILLED}, once its tallies have been counted from the activity
 * documents; see {@code TallyBackfill}.
 */
@Component
public class TallyStore {

    public static final String COLLECTION = "progressTallies";
    /** The id of the marker document; no promise id can start with '#'. */
    public static final String BACKFILLED = "#backfilled";

    private final MongoTemplate mongo;

    public TallyStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<PromiseTally> find(String promiseId) {
        return Optional.ofNullable(mongo.execute(COLLECTION, collection -> collection.find(Filters.eq("_id", promiseId))
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
    public DocumentBatch.Store<PromiseTally> batchStore() {
        return new DocumentBatch.Store<>() {
            @Override
            public List<PromiseTally> findAll(Collection<String> ids) {
                List<PromiseTally> found = new ArrayList<>();
                execute(collection -> collection.find(Filters.in("_id", ids)).map(TallyStore::decode).into(found));
                return found;
            }

            @Override
            public void write(List<PromiseTally> inserted, List<PromiseTally> replaced) {
                List<WriteModel<Document>> writes = new ArrayList<>();
                inserted.forEach(tally -> writes.add(new InsertOneModel<>(encode(tally))));
                replaced.forEach(tally -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", tally.promiseId),
                        encode(tally), new ReplaceOptions().upsert(true))));
                if (!writes.isEmpty()) {
                    execute(collection -> collection.bulkWrite(writes, new BulkWriteOptions().ordered(false)));
                }
            }
        };
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
        return mongo.getCollection(COLLECTION);
    }

    /** Through the template, so that a failure is translated as for every other read model. */
    private void execute(Function<MongoCollection<Document>, Object> action) {
        mongo.execute(COLLECTION, action::apply);
    }

    static Document encode(PromiseTally tally) {
        List<Document> commitments = new ArrayList<>();
        tally.tally.all().forEach((commitmentId, cells) -> {
            List<Document> encoded = new ArrayList<>(cells.size());
            cells.forEach(cell -> encoded.add(encode(cell)));
            commitments.add(new Document("commitmentId", commitmentId).append("cells", encoded));
        });
        Document document = new Document("_id", tally.promiseId).append("lastSequence", tally.lastSequence);
        if (tally.lastChangedAt != null) {
            document.append("lastChangedAt", Date.from(tally.lastChangedAt));
        }
        return document.append("commitments", commitments);
    }

    private static Document encode(Cell cell) {
        Document document = new Document("day", cell.day().toString())
                .append("kind", cell.kind() == null ? null : cell.kind().name());
        if (cell.municipality() != null) {
            document.append("municipality", cell.municipality());
        }
        document.append("activities", cell.activities());
        if (cell.completing() != 0) {
            document.append("completing", cell.completing());
        }
        if (!cell.outcomes().isEmpty()) {
            List<Document> outcomes = new ArrayList<>();
            cell.outcomes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> outcomes.add(
                    new Document("measure", entry.getKey()).append("sum", entry.getValue().sum())
                            .append("reports", entry.getValue().reports())));
            document.append("outcomes", outcomes);
        }
        return document;
    }

    static PromiseTally decode(Document document) {
        ActivityTally tally = new ActivityTally();
        List<Document> commitments = document.getList("commitments", Document.class, List.of());
        for (Document commitment : commitments) {
            String commitmentId = commitment.getString("commitmentId");
            for (Document cell : commitment.getList("cells", Document.class, List.of())) {
                tally.put(commitmentId, decodeCell(cell));
            }
        }
        Date changedAt = document.getDate("lastChangedAt");
        Number sequence = document.get("lastSequence", Number.class);
        return new PromiseTally(document.getString("_id"), sequence == null ? -1 : sequence.longValue(),
                changedAt == null ? null : changedAt.toInstant(), tally);
    }

    private static Cell decodeCell(Document cell) {
        Map<String, OutcomeSum> outcomes = new LinkedHashMap<>();
        for (Document outcome : cell.getList("outcomes", Document.class, List.of())) {
            outcomes.put(outcome.getString("measure"), new OutcomeSum(outcome.getInteger("sum", 0),
                    outcome.getInteger("reports", 0)));
        }
        String kind = cell.getString("kind");
        return new Cell(kind == null ? null : ActivityKind.valueOf(kind), cell.getString("municipality"),
                LocalDate.parse(cell.getString("day")), cell.getInteger("activities", 0),
                cell.getInteger("completing", 0), outcomes);
    }
}
