package se.medborgarlofte.eventstore.integrity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import se.medborgarlofte.eventstore.AxonMongoAutoConfiguration;
import se.medborgarlofte.eventstore.HashGenesis;

/** The hash chain's readers for both sides: verify a promise, its hashes for the export, the daily anchors. */
@AutoConfiguration(after = AxonMongoAutoConfiguration.class)
public class IntegrityAutoConfiguration {

    private static MongoCollection<Document> events(MongoDatabaseFactory databaseFactory) {
        return databaseFactory.getMongoDatabase().getCollection("events");
    }

    @Bean
    public HashGenesis hashGenesis(MongoDatabaseFactory databaseFactory) {
        MongoDatabase database = databaseFactory.getMongoDatabase();
        return new HashGenesis(events(databaseFactory), database);
    }

    @Bean
    public ChainVerifier chainVerifier(MongoDatabaseFactory databaseFactory, HashGenesis genesis) {
        return new ChainVerifier(events(databaseFactory), genesis);
    }

    @Bean
    public StoredHashes storedHashes(MongoDatabaseFactory databaseFactory, HashGenesis genesis) {
        return new StoredHashes(events(databaseFactory), genesis);
    }

    @Bean
    public HashAnchors hashAnchors(MongoDatabaseFactory databaseFactory, HashGenesis genesis) {
        return new HashAnchors(events(databaseFactory), databaseFactory.getMongoDatabase(), genesis);
    }
}
