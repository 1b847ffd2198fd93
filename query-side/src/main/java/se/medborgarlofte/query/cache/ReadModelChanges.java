package se.medborgarlofte.query.cache;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells {@link ReadModelVersions} which promises a batch of events changed: when the batch is about to commit (its
 * read models written, at the end of its last event: {@code FlushAtEndOfBatch}), so before the processor counts its
 * events as processed and the read position moves past them (after the commit), and again once the batch is over,
 * committed or rolled back (its bulk writes may have gone through either way). Every event is about a promise,
 * named by its aggregate id, so nothing is deserialized.
 */
final class ReadModelChanges implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String REGISTERED = ReadModelChanges.class.getName() + "/registered";

    private final ReadModelVersions versions;

    ReadModelChanges(ReadModelVersions versions) {
        this.versions = versions;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getResource(REGISTERED) == null) {
            unitOfWork.resources().put(REGISTERED, Boolean.TRUE);
            List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batch
                    ? batch.getMessages() : List.of(unitOfWork.getMessage());
            Set<String> promiseIds = promiseIds(messages);
            unitOfWork.onPrepareCommit(committing -> versions.changed(promiseIds));
            unitOfWork.onCleanup(done -> versions.changed(promiseIds));
        }
        return chain.proceed();
    }

    private static Set<String> promiseIds(List<? extends Message<?>> messages) {
        Set<String> ids = new LinkedHashSet<>();
        for (Message<?> message : messages) {
            if (message instanceof DomainEventMessage<?> event) {
                ids.add(event.getAggregateIdentifier());
            }
        }
        return ids;
    }
}
