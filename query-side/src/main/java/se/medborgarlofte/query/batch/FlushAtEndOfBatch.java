package se.medborgarlofte.query.batch;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames every event of a batch and writes what the batch changed once its last event has been handled.
 * <ul>
 *   <li>An event's changes count once the event has been handled: after it, each {@link Participant} keeps them
 *   ({@link Participant#keepEvent}). An event that failed and was parked as a dead letter has its changes dropped
 *   ({@link #dropChangesOfCurrentEvent}), the other events of the batch keep theirs.</li>
 *   <li>After the batch's last event the read models write their changes ({@link DocumentBatch}), then what must
 *   follow them (the batch's dead letters): a crash in between delivers the batch again, and what was written is
 *   skipped as already applied. All of it happens inside the batch's processing, so a failed write rolls the batch
 *   back like a failed handler, and before the prepare-commit phase in which a tracking processor stores its token
 *   (the token is registered first, so a write in that phase would come after it, and a crash between the two would
 *   lose the batch). A batch whose changes were never written (no interceptor on its processor) fails at
 *   prepare-commit instead of storing its token.</li>
 * </ul>
 */
public final class FlushAtEndOfBatch implements MessageHandlerInterceptor<EventMessage<?>> {

    /** What holds changes of a batch in memory until its end. */
    public interface Participant {
        /** The current event was handled: its changes belong to the batch. */
        default void keepEvent() {
        }

        /** The current event failed: its changes are forgotten. */
        default void dropEvent() {
        }

        /** Writes the batch's changes. */
        void flush();
    }

    private static final String PARTICIPANTS = FlushAtEndOfBatch.class.getName() + "/participants";

    /** The read models' participants, then those that must be written after them. */
    private record Participants(List<Participant> readModels, List<Participant> afterReadModels) {
        List<Participant> all() {
            List<Participant> all = new ArrayList<>(readModels);
            all.addAll(afterReadModels);
            return all;
        }

        boolean isEmpty() {
            return readModels.isEmpty() && afterReadModels.isEmpty();
        }
    }

    /** A read model's changes in this unit of work. */
    /** {@code first}: written before every read model registered without it (in the reverse order of registering). */
    static void register(UnitOfWork<?> unitOfWork, Participant participant, boolean first) {
        List<Participant> readModels = participants(unitOfWork).readModels;
        if (first) {
            readModels.add(0, participant);
        } else {
            readModels.add(participant);
        }
    }

    /** Changes written only once every read model has written its own (dead letters). */
    public static void registerAfterReadModels(UnitOfWork<?> unitOfWork, Participant participant) {
        participants(unitOfWork).afterReadModels.add(participant);
    }

    /**
     * Forgets what the event now being handled changed in the read models (it failed and is parked); the batch's
     * other events keep their changes. Nothing happens outside a unit of work.
     */
    public static void dropChangesOfCurrentEvent() {
        if (CurrentUnitOfWork.isStarted()) {
            Participants participants = CurrentUnitOfWork.get().getResource(PARTICIPANTS);
            if (participants != null) {
                participants.all().forEach(Participant::dropEvent);
            }
        }
    }

    private static Participants participants(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(PARTICIPANTS, key -> {
            Participants participants = new Participants(new ArrayList<>(), new ArrayList<>());
            unitOfWork.onPrepareCommit(u -> {
                if (!participants.isEmpty()) {
                    throw new IllegalStateException("Read model changes of a batch were not written before its "
                                                    + "token: FlushAtEndOfBatch is not registered on this processor");
                }
            });
            return participants;
        });
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result;
        try {
            result = chain.proceed();
        } catch (Exception | Error failure) {
            Participants participants = unitOfWork.getResource(PARTICIPANTS);
            if (participants != null) {
                participants.all().forEach(Participant::dropEvent);
            }
            throw failure;
        }
        Participants participants = unitOfWork.getResource(PARTICIPANTS);
        if (participants != null) {
            participants.all().forEach(Participant::keepEvent);
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
                participants.readModels.forEach(Participant::flush);
                participants.readModels.clear();
                participants.afterReadModels.forEach(Participant::flush);
                participants.afterReadModels.clear();
            }
        }
        return result;
    }
}
