package se.medborgarlofte.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.lang.management.ManagementFactory;

/**
 * Axon on MongoDB, wired by hand because Axon's MongoDB extension ships no Spring Boot auto-configuration.
 * Everything event-store related sits here so that the storage engine is one bean to swap
 * ({@code medborgarlofte.event-store.engine}).
 */
@AutoConfiguration(before = AxonAutoConfiguration.class,
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@EnableConfigurationProperties(EventStoreProperties.class)
public class AxonMongoAutoConfiguration {

    @Bean
    @Primary
    public Serializer serializer() {
        return AxonSerialization.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return AxonSerialization.serializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return AxonSerialization.serializer();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabaseFactory databaseFactory) {
        MongoDatabase database = databaseFactory.getMongoDatabase();
        return DefaultMongoTemplate.builder().mongoDatabase(database).build();
    }

    /**
     * Our own engine: global sequence numbers, gap-aware tracking, nothing skipped. The default. Events are read
     * through the upcaster chain of every {@code EventUpcaster} bean, so old event shapes stay readable.
     */
    @Bean
    @ConditionalOnProperty(name = "medborgarlofte.event-store.engine", havingValue = "sequenced", matchIfMissing = true)
    public EventStorageEngine sequencedEventStorageEngine(MongoDatabaseFactory databaseFactory,
                                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                                          Serializer serializer,
                                                          EventStoreProperties properties,
                                                          ObjectProvider<AppendHook> appendHook,
                                                          org.axonframework.config.Configuration axon) {
        return SequencedMongoEventStorageEngine.builder()
                .database(databaseFactory.getMongoDatabase())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .batchSize(properties.batchSize())
                .gapTimeout(properties.gapTimeout())
                .appendHook(appendHook.getIfAvailable(() -> AppendHook.NONE))
                .build();
    }

    /** Axon's stock MongoDB engine (timestamp tracking with a look-back window), kept for comparison. */
    @Bean
    @ConditionalOnProperty(name = "medborgarlofte.event-store.engine", havingValue = "axon-mongo")
    public EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer,
                                                 EventStoreProperties properties,
                                                 org.axonframework.config.Configuration axon) {
        return MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .batchSize(properties.batchSize())
                .build();
    }

    @Bean
    public EventStore eventStore(EventStorageEngine eventStorageEngine, EventStoreProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .fetchDelay(properties.fetchDelay().toMillis())
                .cleanupDelay(10_000)
                .build();
    }

    /** What the read models' processors read behind the head, shared among them (on our engine only). */
    @Bean
    @ConditionalOnProperty(name = "medborgarlofte.event-store.engine", havingValue = "sequenced", matchIfMissing = true)
    public SharedReadEventSource sharedReadEventSource(EventStore eventStore, EventStorageEngine eventStorageEngine,
                                                       EventStoreProperties properties) {
        return new SharedReadEventSource(eventStore, (SequencedMongoEventStorageEngine) eventStorageEngine,
                properties.sharedReadEvents());
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                                 EventStoreProperties properties) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .claimTimeout(properties.claimTimeout())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName())
                .build();
    }
}
