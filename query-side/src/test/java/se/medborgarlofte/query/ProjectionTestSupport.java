package se.medborgarlofte.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.repository.support.MongoRepositoryFactory;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.query.batch.FlushAtEndOfBatch;
import se.medborgarlofte.query.generation.Generations;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A real Mongo wire server (embedded, in memory) and Spring Data on top of it, without an application context. */
public final class ProjectionTestSupport implements AutoCloseable {

    private final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    private final MongoClient client = MongoClients.create(server.connectionString());
    public final MongoTemplate mongo = Generations.atGenerationZero(new MongoTemplate(client, "projection-test"));

    public <T> T repository(Class<T> type) {
        return new MongoRepositoryFactory(mongo).getRepository(type);
    }

    /** Handles {@code batch} as a processor does (one unit of work, written at its end) and expects no failure. */
    public static void processBatch(AnnotationEventHandlerAdapter handlers, List<EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        FlushAtEndOfBatch flush = new FlushAtEndOfBatch();
        Throwable failure = unitOfWork.executeWithResult(() -> flush.handle(unitOfWork,
                        () -> handlers.handle(unitOfWork.getMessage())), RollbackConfigurationType.ANY_THROWABLE)
                .optionalExceptionResult().orElse(null);
        assertThat(failure).isNull();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
