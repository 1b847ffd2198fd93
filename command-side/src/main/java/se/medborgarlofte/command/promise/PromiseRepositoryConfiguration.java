package se.medborgarlofte.command.promise;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Promises are kept in memory between commands ({@link CatchingUpCachingRepository}): a command on a promise this
 * process has handled before costs one lookup instead of reading its snapshot and the events after it, whatever the
 * length of its history. The cache holds promises weakly, so memory pressure empties it.
 */
@org.springframework.context.annotation.Configuration
class PromiseRepositoryConfiguration {

    @Bean
    Cache promiseCache() {
        return new WeakReferenceCache();
    }

    /** Built with Axon's own parameter resolvers, so that handlers still receive metadata and Spring beans. */
    @Bean
    Repository<Promise> promiseRepository(@Lazy Configuration axon, EventStore eventStore, Cache promiseCache,
                                          SnapshotTriggerDefinition promiseSnapshotTrigger) {
        return new CatchingUpCachingRepository<>(EventSourcingRepository.builder(Promise.class)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(Promise.class))
                .snapshotTriggerDefinition(promiseSnapshotTrigger)
                .spanFactory(axon.getComponent(org.axonframework.modelling.command.RepositorySpanFactory.class,
                        () -> org.axonframework.modelling.command.DefaultRepositorySpanFactory.builder()
                                .spanFactory(axon.spanFactory()).build())),
                promiseCache, eventStore);
    }
}
