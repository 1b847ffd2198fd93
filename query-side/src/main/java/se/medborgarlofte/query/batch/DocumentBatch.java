package se.medborgarlofte.query.batch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * An event's changes join the batch only once the event has been handled: {@link #find} hands each event its own
 * copy of a document (read from its stored form, or copied from what the batch's earlier events left), and
 * {@link #save} keeps it aside until the event is done; the stored form is made once per batch, at the write.
 * An event that fails and is parked as a dead letter leaves nothing behind, while the batch's other events are
 * written. A document written meanwhile by someone else (a dead letter retried, another instance that took the
 * segment over) is not overwritten: the write names the {@code lastSequence} it read, and a batch that finds it
 * changed fails and is delivered again.
 * <p>
 * Outside a unit of work (a handler called directly, as the projection tests do), {@link #find} reads and
 * {@link #save} writes at once.
 */
public final class DocumentBatch<D> {

    private final String name;
    private final String resourceKey;
    private final DocumentStore<D> store;
    private final Function<D, String> idOfDocument;
    private final Function<EventMessage<?>, String> idOfEvent;
    private final boolean writtenFirst;

    /**
     * @param idOfEvent the id of the document an event changes, or {@code null} for events this read model ignores
     *                  (it should look at the payload type first, so that ignored events are not deserialized)
     */
    public DocumentBatch(String name, DocumentStore<D> store, Function<D, String> idOfDocument,
                         Function<EventMessage<?>, String> idOfEvent) {
        this(name, store, idOfDocument, idOfEvent, false);
    }

    private DocumentBatch(String name, DocumentStore<D> store, Function<D, String> idOfDocument,
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
            DocumentStore<D> now = store.forBatch();
            return now.findAll(List.of(id)).stream().findFirst().map(now::read);
        }
        return pending.find(id);
    }

    /**
     * As {@link #find}, for a document the caller knows is not stored yet: no query is made for it. Were it stored
     * after all, the batch's write would fail on its unique id, and the batch would be delivered again.
     */
    public Optional<D> findNew(String id) {
        Pending<D> pending = pending();
        if (pending == null) {
            return find(id);
        }
        pending.assumeAbsent(id);
        return pending.find(id);
    }

    /**
     * The {@code lastSequence} the stored document had when this batch read it: -1 if none is stored, and
     * {@link Long#MAX_VALUE} if it has none (nothing can be concluded from it).
     */
    public long storedLastSequence(String id) {
        Pending<D> pending = pending();
        if (pending == null) {
            return store.forBatch().findAll(List.of(id)).stream().findFirst().map(Pending::lastSequenceOf).orElse(-1L);
        }
        return pending.storedLastSequence(id);
    }

    /** Stores the document (at once, or with the batch's bulk write once the event is handled). */
    public void save(D document) {
        Pending<D> pending = pending();
        if (pending == null) {
            String id = idOfDocument.apply(document);
            DocumentStore<D> now = store.forBatch();
            now.write(List.of(), Map.of(id, new DocumentStore.Replacement(now.toStored(document), null)));
            return;
        }
        pending.save(idOfDocument.apply(document), document);
    }

    private Pending<D> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Pending<D> pending = unitOfWork.getResource(resourceKey);
        if (pending == null) {
            pending = new Pending<>(store.forBatch());
            unitOfWork.resources().put(resourceKey, pending);
            FlushAtEndOfBatch.register(unitOfWork, pending, writtenFirst);
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

    /**
     * The batch's documents in their stored form (null where none exists), as the events handled so far left them,
     * and the copies the event now being handled works on.
     */
    private static final class Pending<D> implements FlushAtEndOfBatch.Participant {
        private final DocumentStore<D> store;
        private final Map<String, Document> stored = new HashMap<>();
        /** The {@code lastSequence} each existing document had when read; its write expects it unchanged. */
        private final Map<String, Long> readAt = new HashMap<>();
        private final Set<String> existing = new HashSet<>();
        private final Set<String> changed = new LinkedHashSet<>();
        /** The objects as the events kept so far left them; written (in their stored form) at the flush. */
        private final Map<String, D> kept = new HashMap<>();
        private final Map<String, D> ofEvent = new HashMap<>();
        private final Map<String, D> savedByEvent = new LinkedHashMap<>();

        private Pending(DocumentStore<D> store) {
            this.store = store;
        }

        private void load(Collection<String> ids) {
            List<String> missing = ids.stream().filter(id -> !stored.containsKey(id)).toList();
            if (missing.isEmpty()) {
                return;
            }
            missing.forEach(id -> stored.put(id, null));
            for (Document document : store.findAll(missing)) {
                String id = String.valueOf(document.get("_id"));
                stored.put(id, document);
                existing.add(id);
                readAt.put(id, document.get("lastSequence") instanceof Number n ? n.longValue() : null);
            }
        }

        private void assumeAbsent(String id) {
            stored.putIfAbsent(id, null);
        }

        private long storedLastSequence(String id) {
            load(List.of(id));
            Document document = stored.get(id);
            return document == null ? -1 : lastSequenceOf(document);
        }

        private static long lastSequenceOf(Document document) {
            return document.get("lastSequence") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
        }

        private Optional<D> find(String id) {
            D copy = ofEvent.get(id);
            if (copy != null) {
                return Optional.of(copy);
            }
            D latest = kept.get(id);
            if (latest != null) {
                copy = store.copy(latest);
            } else {
                load(List.of(id));
                Document document = stored.get(id);
                if (document == null) {
                    return Optional.empty();
                }
                copy = store.read(document);
            }
            ofEvent.put(id, copy);
            return Optional.of(copy);
        }

        private void save(String id, D document) {
            ofEvent.put(id, document);
            savedByEvent.put(id, document);
        }

        @Override
        public void keepEvent() {
            savedByEvent.forEach((id, document) -> {
                kept.put(id, document);
                changed.add(id);
            });
            dropEvent();
        }

        @Override
        public void dropEvent() {
            ofEvent.clear();
            savedByEvent.clear();
        }

        @Override
        public void flush() {
            if (changed.isEmpty()) {
                return;
            }
            List<Document> inserted = new ArrayList<>();
            Map<String, DocumentStore.Replacement> replaced = new LinkedHashMap<>();
            for (String id : changed) {
                Document document = store.toStored(kept.get(id));
                stored.put(id, document);
                if (existing.contains(id)) {
                    replaced.put(id, new DocumentStore.Replacement(document, readAt.get(id)));
                } else {
                    inserted.add(document);
                }
            }
            store.write(inserted, replaced);
            for (String id : changed) {
                existing.add(id);
                readAt.put(id, stored.get(id).get("lastSequence") instanceof Number n ? n.longValue() : null);
            }
            changed.clear();
        }
    }
}
