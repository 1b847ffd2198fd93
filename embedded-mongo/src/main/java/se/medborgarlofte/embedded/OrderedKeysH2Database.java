package se.medborgarlofte.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The H2 database of mongo-java-server with unique indexes whose keys are compared as values. The stock database
 * keeps each index in an {@code MVMap} keyed by {@link KeyValue}, a class H2 does not know, so H2 compares two keys
 * by Java-serializing both: every lookup in a B-tree of n keys serialized 2·log n objects, more than half of the
 * embedded server's CPU time in a replay (Java Flight Recorder). Here the keys are compared element by element
 * ({@link KeyOrder}). Documents, keys and ids are stored in BSON ({@link BsonStoredObjects}).
 * <p>
 * The order differs from the stock one, so these indexes live in maps of their own ({@code ._keys_} instead of
 * {@code ._index_}). A store written by the stock database has its index maps copied into the new ones once, on
 * opening, and the old maps removed.
 */
final class OrderedKeysH2Database extends H2Database {

    /** The names of a collection's maps, as mongo-java-server's H2 database gives them. */
    private static final String DATA_MAP = "databases.";
    private static final String META_MAP = "meta.";

    /** The store while the super constructor opens the existing collections and indexes, before fields are set. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
    private MVStore store;

    private OrderedKeysH2Database(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, store, cursors);
        this.store = store;
    }

    static OrderedKeysH2Database open(String databaseName, MVStore store, CursorRegistry cursors) {
        OPENING.set(store);
        try {
            return new OrderedKeysH2Database(databaseName, store, cursors);
        } finally {
            OPENING.remove();
        }
    }

    private MVStore store() {
        return store != null ? store : OPENING.get();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        String name = getFullCollectionNamespace(collectionName) + "._keys_" + indexName;
        MVStore store = store();
        MVMap<KeyValue, Object> map = store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder())
                .valueType(new BsonStoredObjects()));
        String stockName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        if (store.hasMap(stockName)) {
            MVMap<KeyValue, Object> stock = store.openMap(stockName);
            for (Map.Entry<KeyValue, Object> entry : stock.entrySet()) {
                map.putIfAbsent(entry.getKey(), entry.getValue());
            }
            store.removeMap(stock);
        }
        return new OrderedKeysIndex(map, indexName, keys, sparse);
    }

    /** mongo-java-server's collection, its documents and ids stored in BSON ({@link BsonStoredObjects}). */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = store().openMap(DATA_MAP + fullName,
                new MVMap.Builder<Object, Document>().keyType(new BsonStoredObjects()).valueType(new BsonStoredObjects()));
        MVMap<String, Object> meta = store().openMap(META_MAP + fullName);
        return new SizedOnDemandCollection(this, collectionName, options, data, meta, cursorRegistry);
    }

    /**
     * mongo-java-server's H2 collection without a running total of its documents' size. The stock collection encodes
     * every document it inserts, updates or deletes to BSON once more just to add its size to a total kept in the
     * collection's meta map: 15 % of the embedded server's CPU time in a replay (Java Flight Recorder), for a figure
     * only {@code collStats} reports. Here {@code collStats} adds the sizes up when asked, and the total a store written
     * before holds is no longer read.
     */
    private static final class SizedOnDemandCollection extends H2Collection {
        SizedOnDemandCollection(OrderedKeysH2Database database, String name, CollectionOptions options,
                                MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected int getDataSize() {
            long size = 0;
            ByteBuf buffer = Unpooled.buffer();
            try {
                for (Document document : (Iterable<Document>) streamAllDocumentsWithPosition()
                        .map(DocumentWithPosition::getDocument)::iterator) {
                    buffer.clear();
                    BsonEncoder.encodeDocument(document, buffer);
                    size += buffer.writerIndex();
                }
            } finally {
                buffer.release();
            }
            return (int) Math.min(Integer.MAX_VALUE, size);
        }
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store().removeMap(getFullCollectionNamespace(collection.getCollectionName()) + "._keys_" + indexName);
    }

    /** mongo-java-server's {@code H2UniqueIndex}, over a map with {@link KeyOrder}. */
    private static final class OrderedKeysIndex extends AbstractUniqueIndex<Object> {
        private final MVMap<KeyValue, Object> map;

        OrderedKeysIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * Index keys in H2's own format, ordered without serializing them: by size, then element by element, equal
     * elements (as {@link KeyValue#equals} sees them) skipped; two elements of one {@link Comparable} class (strings,
     * numbers, dates, ids) by {@code compareTo}, of different classes by class name; anything else (an embedded
     * document as a key) as H2 would, by its serialized bytes. Two keys compare as 0 exactly when they are equal.
     */
    static final class KeyOrder extends BsonStoredObjects {

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue x && b instanceof KeyValue y) {
                return compareKeys(x, y);
            }
            return super.compare(a, b);
        }

        private int compareKeys(KeyValue x, KeyValue y) {
            if (x.size() != y.size()) {
                return Integer.compare(x.size(), y.size());
            }
            for (int i = 0; i < x.size(); i++) {
                int order = compareValues(x.get(i), y.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private int compareValues(Object a, Object b) {
            if (Objects.equals(a, b)) {
                return 0;
            }
            if (a == null || b == null) {
                return a == null ? -1 : 1;
            }
            if (a.getClass() != b.getClass()) {
                int order = a.getClass().getName().compareTo(b.getClass().getName());
                if (order != 0) {
                    return order;
                }
            }
            if (a instanceof Comparable comparable) {
                int order = comparable.compareTo(b);
                if (order != 0) {
                    return order;
                }
            }
            return compareNotNull(serialize(a), serialize(b));
        }
    }
}
