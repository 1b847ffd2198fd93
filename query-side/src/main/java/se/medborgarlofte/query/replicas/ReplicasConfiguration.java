package se.medborgarlofte.query.replicas;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import se.medborgarlofte.eventstore.EventStoreProperties;
import se.medborgarlofte.eventstore.SharedReadEventSource;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every pooled streaming processor (each read model's, {@code mode=pooled} in {@code query-side.properties}) claims
 * only this replica's share of its segments ({@link QueryReplicas}), keeps its claims fresh every
 * {@code medborgarlofte.replicas.claim-extension}, and is woken when new events arrive ({@link WakingEventSource}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaProperties.class)
class ReplicasConfiguration {

    /** Not the app's clock (tests fix that one): heartbeats are compared across replicas in real time. */
    @Bean(destroyMethod = "close")
    static QueryReplicas queryReplicas(MongoTemplate mongo, TokenStore tokenStore, ReplicaProperties properties,
                                       EventStoreProperties store) {
        if (properties.expiry().compareTo(store.claimTimeout()) >= 0) {
            throw new IllegalArgumentException("medborgarlofte.replicas.expiry (" + properties.expiry() + ") must be "
                    + "shorter than medborgarlofte.event-store.claim-timeout (" + store.claimTimeout() + "): a crashed "
                    + "replica's segments are freed by the claim timeout, and the others must count it out first");
        }
        return new QueryReplicas(mongo.getCollection(QueryReplicas.COLLECTION), tokenStore, properties,
                Clock.systemUTC());
    }

    /**
     * The default for every pooled processor (Axon applies it first, then the processor's own properties: threads,
     * segments, batch size, claim interval).
     */
    @Autowired
    void shareSegments(EventProcessingConfigurer configurer, QueryReplicas replicas, ReplicaProperties properties,
                       ObjectProvider<SharedReadEventSource> sharedReads) {
        AtomicReference<WakingEventSource> events = new AtomicReference<>();
        configurer.registerPooledStreamingEventProcessorConfiguration((axon, builder) -> builder
                .maxSegmentProvider(replicas::maxSegments)
                .claimExtensionThreshold(properties.claimExtension().toMillis())
                // one source for every processor, made once Axon has its event store
                .messageSource(events.updateAndGet(source -> source != null ? source
                        : wakingSource(axon, sharedReads.getIfAvailable()))));
    }

    /** The processors share what they read behind the head ({@link SharedReadEventSource}; on our engine only). */
    private static WakingEventSource wakingSource(org.axonframework.config.Configuration axon,
                                                  SharedReadEventSource sharedReads) {
        WakingEventSource source = new WakingEventSource(sharedReads != null ? sharedReads : axon.eventStore());
        axon.onShutdown(source::close);
        return source;
    }
}
