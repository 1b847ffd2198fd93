package se.medborgarlofte.query.batch;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a {@link DocumentBatch}'s documents live: read and written in their stored form (one query for many ids, one
 * bulk write for many documents), and turned into the read model's objects and back.
 */
public interface DocumentStore<D> {

    /** A document to write over the stored one; {@code expectedLastSequence} is what the stored one must still have. */
    record Replacement(Document document, Long expectedLastSequence) {
    }

    List<Document> findAll(Collection<String> ids);

    /**
     * {@code inserted} are new; each of {@code replaced} (by id) replaces the stored document if that still has the
     * expected {@code lastSequence}, or is inserted if none is expected and none exists. A replacement whose document
     * changed meanwhile fails the write ({@link ConcurrentChangeException}).
     */
    void write(List<Document> inserted, Map<String, Replacement> replaced);

    D read(Document stored);

    /** The store one batch of events reads and writes: for a store that follows the active generation, pinned. */
    default DocumentStore<D> forBatch() {
        return this;
    }

    Document toStored(D document);

    /** A copy of {@code document} to change on its own; by default through the stored form. */
    default D copy(D document) {
        return read(toStored(document));
    }

    /** A read model changed by someone else between this batch's read and its write. */
    final class ConcurrentChangeException extends RuntimeException {
        ConcurrentChangeException(String message) {
            super(message);
        }
    }

    /**
     * Documents of {@code type} in the collection {@code collectionOfBatch} names when a batch of events begins (a
     * read model generation, {@code WriteTarget}), converted by Spring Data's converter.
     */
    static <D> DocumentStore<D> inCollection(MongoTemplate mongo, Class<D> type, Supplier<String> collectionOfBatch) {
        return perBatch(() -> inCollection(mongo.getCollection(collectionOfBatch.get()),
                stored -> mongo.getConverter().read(type, stored), document -> {
                    Document stored = new Document();
                    mongo.getConverter().write(document, stored);
                    return stored;
                }));
    }

    /** A store chosen anew for each batch of events (and for each call outside a batch). */
    static <D> DocumentStore<D> perBatch(Supplier<DocumentStore<D>> storeOfBatch) {
        return new DocumentStore<>() {
            @Override
            public List<Document> findAll(Collection<String> ids) {
                return storeOfBatch.get().findAll(ids);
            }

            @Override
            public void write(List<Document> inserted, Map<String, Replacement> replaced) {
                storeOfBatch.get().write(inserted, replaced);
            }

            @Override
            public D read(Document stored) {
                return storeOfBatch.get().read(stored);
            }

            @Override
            public Document toStored(D document) {
                return storeOfBatch.get().toStored(document);
            }

            @Override
            public D copy(D document) {
                return storeOfBatch.get().copy(document);
            }

            @Override
            public DocumentStore<D> forBatch() {
                return storeOfBatch.get();
            }
        };
    }

    /** Documents in {@code collection}, turned into the read model's objects and back by the two functions. */
    static <D> DocumentStore<D> inCollection(MongoCollection<Document> collection, Function<Document, D> read,
                                             Function<D, Document> toStored) {
        return inCollection(collection, read, toStored, document -> read.apply(toStored.apply(document)));
    }

    /** As above, with a cheaper way to copy an object than through its stored form. */
    static <D> DocumentStore<D> inCollection(MongoCollection<Document> collection, Function<Document, D> read,
                                             Function<D, Document> toStored, java.util.function.UnaryOperator<D> copy) {
        return new DocumentStore<>() {
            @Override
            public List<Document> findAll(Collection<String> ids) {
                return collection.find(Filters.in("_id", ids)).into(new ArrayList<>());
            }

            @Override
            public void write(List<Document> inserted, Map<String, Replacement> replaced) {
                Codec<Document> codec = collection.getCodecRegistry().get(Document.class);
                List<WriteModel<RawBsonDocument>> writes = new ArrayList<>();
                inserted.forEach(document -> writes.add(new InsertOneModel<>(RawDocuments.encode(document, codec))));
                replaced.forEach((id, replacement) -> {
                    Long expected = replacement.expectedLastSequence();
                    Bson filter = expected == null ? Filters.eq("_id", id)
                            : Filters.and(Filters.eq("_id", id), Filters.eq("lastSequence", expected));
                    writes.add(new ReplaceOneModel<>(filter, RawDocuments.encode(replacement.document(), codec),
                            new ReplaceOptions().upsert(expected == null)));
                });
                if (writes.isEmpty()) {
                    return;
                }
                BulkWriteResult result = collection.withDocumentClass(RawBsonDocument.class)
                        .bulkWrite(writes, new BulkWriteOptions().ordered(false));
                int replacedOrUpserted = result.getMatchedCount() + result.getUpserts().size();
                if (replacedOrUpserted < replaced.size()) {
                    throw new ConcurrentChangeException((replaced.size() - replacedOrUpserted) + " of "
                            + replaced.size() + " documents in " + collection.getNamespace().getCollectionName()
                            + " changed since this batch read them; the batch is delivered again");
                }
            }

            @Override
            public D read(Document stored) {
                return read.apply(stored);
            }

            @Override
            public Document toStored(D document) {
                return toStored.apply(document);
            }

            @Override
            public D copy(D document) {
                return copy.apply(document);
            }
        };
    }
}
