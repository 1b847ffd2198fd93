package se.medborgarlofte.query.batch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.repository.CrudRepository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The documents of one read model that a batch of events changes. A tracking processor hands its handlers a batch
 * of events in one unit of work; the first {@link #find} in that batch loads every document the batch's events
 * name with one query, handlers change them in memory (each change still checked against the document's
 * {@code lastSequence}), and {@link FlushAtEndOfBatch} writes the changed ones with one bulk write after the batch's
 * last event, before the processor stores its token. A crash between the bulk write and the token replays the
 * batch, and every document skips what it has already applied: nothing is counted twice or skipped.
 * <p>
 * Outside a batch (a handler called directly, as the projection tests do), {@link #find} reads and {@link #save}
 * writes at once.
 */
public final class DocumentBatch<D> {

    /** Where the documents live: one query for many ids, one bulk write for many documents. */
    public interface Store<D> {
        List<D> findAll(Collection<String> ids);

        /** {@code inserted} are new; {@code replaced} may exist (replaced, or inserted if they don't). */
        void write(List<D> inserted, List<D> replaced);
    }

    /** Documents in a collection of their own, written with one bulk write (inserts, then upserting replaces). */
    public static <D> Store<D> inCollection(MongoTemplate mongo, Class<D> type, Function<D, String> idOf) {
        return new Store<>() {
            @Override
            public List<D> findAll(Collection<String> ids) {
                return mongo.find(Query.query(Criteria.where("_id").in(ids)), type);
            }

            @Override
            public void write(List<D> inserted, List<D> replaced) {
                BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
                if (!inserted.isEmpty()) {
                    bulk.insert(inserted);
                }
                for (D document : replaced) {
                    bulk.replaceOne(Query.query(Criteria.where("_id").is(idOf.apply(document))), document,
                            FindAndReplaceOptions.options().upsert());
                }
                bulk.execute();
            }
        };
    }

    /** Documents behind a Spring Data repository: one query for the batch, saved with {@code saveAll}. */
    public static <D> Store<D> inRepository(CrudRepository<D, String> repository) {
        return new Store<>() {
            @Override
            public List<D> findAll(Collection<String> ids) {
                List<D> found = new ArrayList<>();
                repository.findAllById(ids).forEach(found::add);
                return found;
            }

            @Override
            public void write(List<D> inserted, List<D> replaced) {
                List<D> all = new ArrayList<>(inserted);
                all.addAll(replaced);
                repository.saveAll(all);
            }
        };
    }

    private final String name;
    private final String resourceKey;
    private final Store<D> store;
    private final Function<D, String> idOfDocument;
    private final Function<EventMessage<?>, String> idOfEvent;
    private final boolean writtenFirst;

    /**
     * @param idOfEvent the id of the document an event changes, or {@code null} for events this read model ignores
     *                  (it should look at the payload type first, so that ignored events are not deserialized)
     */
    public DocumentBatch(String name, Store<D> store, Function<D, String> idOfDocument,
                         Function<EventMessage<?>, String> idOfEvent) {
        this(name, store, idOfDocument, idOfEvent, false);
    }

    private DocumentBatch(String name, Store<D> store, Function<D, String> idOfDocument,
                          Function<EventMessage<?>, String> idOfEvent, boolean writtenFirst) {
        this.name = name;
        this.resourceKey = DocumentBatch.class.getName() + "/" + name;
        this.store = store;
        this.idOfDocument = idOfDocument;
        this.idOfEvent = idOfEvent;
        this.writtenFirst = writtenFirst;
    }

    /**
     * The same batch, written before the batches of the same unit of work that are not: for a read model whose
     * handlers read another one's documents as they were before the event (a tally takes back what an activity
     * added before its correction). Written first, a crash between the two writes leaves this one ahead, so the
     * replayed batch is skipped here and applied there; the other way round, the other read model would already
     * show the event and this one could no longer learn what came before it.
     */
    public DocumentBatch<D> writtenFirst() {
        return new DocumentBatch<>(name, store, idOfDocument, idOfEvent, true);
    }

    public Optional<D> find(String id) {
        Pending<D> pending = pending();
        if (pending == null) {
            return store.findAll(List.of(id)).stream().findFirst();
        }
        if (!pending.loaded.containsKey(id)) {
            pending.load(List.of(id));
        }
        return Optional.ofNullable(pending.loaded.get(id));
    }

    /** Stores the document (at once, or with the batch's bulk write). */
    public void save(D document) {
        Pending<D> pending = pending();
        if (pending == null) {
            store.write(List.of(), List.of(document));
            return;
        }
        String id = idOfDocument.apply(document);
        pending.loaded.put(id, document);
        pending.changed.add(id);
    }

    private Pending<D> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Pending<D> pending = unitOfWork.getResource(resourceKey);
        if (pending == null) {
            pending = new Pending<>(this);
            unitOfWork.resources().put(resourceKey, pending);
            FlushAtEndOfBatch.register(unitOfWork, pending::flush, writtenFirst);
            pending.load(idsNamedBy(unitOfWork));
        }
        return pending;
    }

    private Set<String> idsNamedBy(UnitOfWork<?> unitOfWork) {
        List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batch
                ? batch.getMessages() : List.of(unitOfWork.getMessage());
        Set<String> ids = new LinkedHashSet<>();
        for (Message<?> message : messages) {
            if (message instanceof EventMessage<?> event) {
                String id = documentIdOrNull(event);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /**
     * An event whose payload can't be read names no document here: its own delivery fails and is recorded as a
     * problem of that event, not of the one whose handler asked for the batch's documents.
     */
    private String documentIdOrNull(EventMessage<?> event) {
        try {
            return idOfEvent.apply(event);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The batch's documents: as loaded (null where none exists), changed in memory. */
    private static final class Pending<D> {
        private final DocumentBatch<D> batch;
        private final Map<String, D> loaded = new HashMap<>();
        private final Set<String> existing = new HashSet<>();
        private final Set<String> changed = new LinkedHashSet<>();

        private Pending(DocumentBatch<D> batch) {
            this.batch = batch;
        }

        private void load(Collection<String> ids) {
            if (ids.isEmpty()) {
                return;
            }
            ids.forEach(id -> loaded.put(id, null));
            for (D document : batch.store.findAll(ids)) {
                String id = batch.idOfDocument.apply(document);
                loaded.put(id, document);
                existing.add(id);
            }
        }

        private void flush() {
            if (changed.isEmpty()) {
                return;
            }
            List<D> inserted = new ArrayList<>();
            List<D> replaced = new ArrayList<>();
            for (String id : changed) {
                (existing.contains(id) ? replaced : inserted).add(loaded.get(id));
            }
            batch.store.write(inserted, replaced);
            existing.addAll(changed);
            changed.clear();
        }
    }
}
