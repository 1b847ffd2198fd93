package se.medborgarlofte.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.repository.support.MongoRepositoryFactory;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.query.generation.Generations;

/** A real Mongo wire server (embedded, in memory) and Spring Data on top of it, without an application context. */
public final class ProjectionTestSupport implements AutoCloseable {

    private final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    private final MongoClient client = MongoClients.create(server.connectionString());
    public final MongoTemplate mongo = Generations.atGenerationZero(new MongoTemplate(client, "projection-test"));

    public <T> T repository(Class<T> type) {
        return new MongoRepositoryFactory(mongo).getRepository(type);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
