package se.medborgarlofte.query.batch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the read models' {@link DocumentBatch} changes once the last event of a batch has been handled: inside the
 * batch's processing, so a failed bulk write rolls the batch back like a failed handler, and before the prepare-commit
 * phase in which a tracking processor stores its token (the token is registered first, so a flush in that phase
 * would come after it, and a crash between the two would lose the batch). A batch whose changes were never flushed
 * (no interceptor on its processor) fails at prepare-commit instead of storing its token.
 */
public final class FlushAtEndOfBatch implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String FLUSHES = FlushAtEndOfBatch.class.getName() + "/flushes";

    /** {@code first}: before every flush registered without it (in the reverse order of registering). */
    static void register(UnitOfWork<?> unitOfWork, Runnable flush, boolean first) {
        List<Runnable> flushes = unitOfWork.getOrComputeResource(FLUSHES, key -> {
            List<Runnable> list = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> {
                if (!list.isEmpty()) {
                    throw new IllegalStateException("Read model changes of a batch were not written before its "
                                                    + "token: FlushAtEndOfBatch is not registered on this processor");
                }
            });
            return list;
        });
        if (first) {
            flushes.add(0, flush);
        } else {
            flushes.add(flush);
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            List<Runnable> flushes = unitOfWork.getResource(FLUSHES);
            if (flushes != null) {
                flushes.forEach(Runnable::run);
                flushes.clear();
            }
        }
        return result;
    }
}
