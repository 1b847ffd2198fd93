package se.medborgarlofte.query.batch;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Every processor writes its read model's batched changes at the end of each batch ({@link FlushAtEndOfBatch}). */
@Configuration
class BatchConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer configurer) {
        configurer.registerDefaultHandlerInterceptor((axon, processor) -> new FlushAtEndOfBatch());
    }
}
