package se.medborgarlofte.query.deadletter;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every processing group (each read model is one) parks an event that fails, and every later event of the same
 * promise, in a dead-letter queue in MongoDB (collection {@code deadletters}, axon-mongo's
 * {@code MongoSequencedDeadLetterQueue}), while the other promises go on. The letters hold the event as the event
 * store's serializer wrote it. {@link ParkingPolicy} decides what is parked; {@link ParkedEvents} writes the letters
 * at the end of a batch; each segment remembers which promises it parked, so an event whose promise is not parked
 * costs no query. Resetting a group's tokens (a replay from the start, which delivers every event again) clears its
 * dead letters: what still fails is parked again, in order. ADMIN lists, retries and evicts them
 * ({@link DeadLetterController}).
 */
@Configuration
class DeadLetterConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer configurer, MongoTemplate axonMongo,
                   @Qualifier("eventSerializer") Serializer eventSerializer, ListableBeanFactory beans) {
        configurer.registerDeadLetterQueueProvider(group -> configuration -> new ParkedEvents(group,
                        MongoSequencedDeadLetterQueue.<org.axonframework.eventhandling.EventMessage<?>>builder()
                                .processingGroup(group)
                                .mongoTemplate(axonMongo)
                                .serializer(eventSerializer)
                                .build()))
                .registerDefaultDeadLetterPolicy(configuration -> new ParkingPolicy(eventSerializer));
        for (String group : processingGroups(beans)) {
            configurer.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                    (configuration, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true));
        }
    }

    /** The groups the read models name, found without creating them. */
    private static Set<String> processingGroups(ListableBeanFactory beans) {
        return Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class))
                .map(name -> beans.findAnnotationOnBean(name, ProcessingGroup.class))
                .filter(Objects::nonNull)
                .map(ProcessingGroup::value)
                .collect(Collectors.toSet());
    }
}
