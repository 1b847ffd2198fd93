package se.medborgarlofte.query.indexes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates the read models' indexes when the query side starts, before its processors and its web server do. Each
 * read model declares its indexes on its document, beside the queries they serve ({@code @CompoundIndex},
 * {@code @Indexed}); they are resolved as Spring Data would, but created here, explicitly, rather than by
 * {@code spring.data.mongodb.auto-index-creation} (off, as Spring Data advises for production: it creates them lazily,
 * when a type is first used, and hides a failure). Creating an index that exists with the same keys is a no-op, so
 * every instance does it at every start; MongoDB 4.2 and later builds a new index without blocking reads or writes.
 * (The embedded server of the local run accepts the requests but ignores non-unique indexes.)
 */
@Component
public class ReadModelIndexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ReadModelIndexes.class);

    private final MongoTemplate mongo;

    ReadModelIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> created = create(mongo);
        log.debug("Read model indexes in place: {}", created);
    }

    /** Creates the indexes every read model document in {@code mongo}'s mapping context declares; their names. */
    public static List<String> create(MongoTemplate mongo) {
        var mappingContext = mongo.getConverter().getMappingContext();
        IndexResolver resolver = IndexResolver.create(mappingContext);
        List<String> names = new ArrayList<>();
        for (MongoPersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
            if (entity.isAnnotationPresent(Document.class)) {
                IndexOperations indexes = mongo.indexOps(entity.getType());
                for (IndexDefinition index : resolver.resolveIndexFor(entity.getType())) {
                    names.add(entity.getCollection() + "." + indexes.createIndex(index));
                }
            }
        }
        return names;
    }

    /** Creates the indexes {@code document} declares in {@code collection} (a later generation's); their names. */
    public static List<String> create(MongoTemplate mongo, Class<?> document, String collection) {
        IndexResolver resolver = IndexResolver.create(mongo.getConverter().getMappingContext());
        IndexOperations indexes = mongo.indexOps(collection, document);
        List<String> names = new ArrayList<>();
        for (IndexDefinition index : resolver.resolveIndexFor(document)) {
            names.add(collection + "." + indexes.createIndex(index));
        }
        return names;
    }

    /** For tests outside an application: the read models' documents, so that their indexes are known. */
    public static List<String> create(MongoTemplate mongo, Class<?>... documents) {
        for (Class<?> document : documents) {
            mongo.getConverter().getMappingContext().getRequiredPersistentEntity(document);
        }
        return create(mongo);
    }
}
