package se.medborgarlofte.query.batch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read model whose handlers read another one's documents as they were before the event is written before it,
 * whichever of the two a batch's handlers touch first; and a failure writing it leaves the other unwritten.
 */
class DocumentBatchOrderTest {

    final List<String> writes = new ArrayList<>();

    DocumentBatch<String> batch(String name, boolean fails) {
        DocumentStore<String> store = new DocumentStore<>() {
            @Override
            public List<Document> findAll(Collection<String> ids) {
                return List.of();
            }

            @Override
            public void write(List<Document> inserted, Map<String, Replacement> replaced) {
                if (fails) {
                    throw new IllegalStateException("write of " + name + " failed");
                }
                writes.add(name + inserted.stream().map(document -> document.getString("_id")).toList());
            }

            @Override
            public String read(Document stored) {
                return stored.getString("_id");
            }

            @Override
            public Document toStored(String document) {
                return new Document("_id", document);
            }
        };
        return new DocumentBatch<>(name, store, document -> document, event -> null);
    }

    Throwable process(DocumentBatch<String> touchedFirst, DocumentBatch<String> touchedNext) {
        List<EventMessage<?>> events = List.of(GenericEventMessage.asEventMessage("one"),
                GenericEventMessage.asEventMessage("two"));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        FlushAtEndOfBatch flush = new FlushAtEndOfBatch();
        return unitOfWork.executeWithResult(() -> flush.handle(unitOfWork, () -> {
            String payload = (String) unitOfWork.getMessage().getPayload();
            touchedFirst.save(payload);
            touchedNext.save(payload);
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE).optionalExceptionResult().orElse(null);
    }

    @Test
    void theBatchWrittenFirstIsWrittenFirstWhicheverWasTouchedFirst() {
        Throwable failure = process(batch("activities", false), batch("tallies", false).writtenFirst());

        assertThat(failure).isNull();
        assertThat(writes).containsExactly("tallies[one, two]", "activities[one, two]");
    }

    @Test
    void whenTheFirstWriteFailsTheOtherIsNotWritten() {
        Throwable failure = process(batch("activities", false), batch("tallies", true).writtenFirst());

        assertThat(failure).hasMessageContaining("write of tallies failed");
        assertThat(writes).isEmpty();
    }
}
