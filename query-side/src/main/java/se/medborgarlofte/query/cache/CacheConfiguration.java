package se.medborgarlofte.query.cache;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Every processor tells {@link ReadModelVersions} what its batches changed ({@link ReadModelChanges}). */
@Configuration
class CacheConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer configurer, ReadModelVersions versions) {
        configurer.registerDefaultHandlerInterceptor((axon, processor) -> new ReadModelChanges(versions));
    }
}
