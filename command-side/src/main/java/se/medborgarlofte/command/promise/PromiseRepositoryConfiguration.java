package se.medborgarlofte.command.promise;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Promises are kept in memory between commands ({@link CatchingUpCachingRepository}): a command on a promise this
 * process has handled before costs one lookup instead of reading its snapshot and the events after it, whatever the
 * length of its history.
 */
@org.springframework.context.annotation.Configuration
class PromiseRepositoryConfiguration {

    /** At most {@code medborgarlofte.cached-promises} promises, the least recently used leaving first. */
    @Bean(destroyMethod = "close")
    CacheManager promiseCacheManager(@Value("${medborgarlofte.cached-promises:2000}") int size) {
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache("promises", CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class,
                        Object.class, ResourcePoolsBuilder.heap(size)))
                .build(true);
    }

    @Bean
    Cache promiseCache(CacheManager promiseCacheManager) {
        return new EhCache3Adapter((Ehcache<Object, Object>) promiseCacheManager.getCache("promises", Object.class,
                Object.class));
    }

    /**
     * Built with Axon's own parameter resolvers, so that handlers still receive metadata and Spring beans, and its
     * repositories, so that a command handler can create a promise.
     */
    @Bean
    Repository<Promise> promiseRepository(@Lazy Configuration axon, EventStore eventStore, Cache promiseCache,
                                          Snapshotter snapshotter,
                                          @Value("${medborgarlofte.snapshot-threshold:100}") int snapshotThreshold) {
        return new CatchingUpCachingRepository<>(EventSourcingRepository.builder(Promise.class)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(Promise.class))
                // a renewal creates the next promise from within a command on the earlier one
                .repositoryProvider(axon::repository)
                .spanFactory(axon.getComponent(org.axonframework.modelling.command.RepositorySpanFactory.class,
                        () -> org.axonframework.modelling.command.DefaultRepositorySpanFactory.builder()
                                .spanFactory(axon.spanFactory()).build())),
                promiseCache, eventStore, snapshotter, snapshotThreshold);
    }
}
