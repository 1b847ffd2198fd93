package se.medborgarlofte.query.deadletter;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.medborgarlofte.query.batch.FlushAtEndOfBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The dead letters of one processing group: the events parked with their promise (the sequence), stored in MongoDB
 * by {@code stored} (axon-mongo's queue). Two rules of this service on top:
 * <ul>
 *   <li>Inside a processor's batch a letter is written only after the batch's read models have written their
 *   changes, at the end of the batch and before its token ({@link FlushAtEndOfBatch}). If the batch fails before,
 *   nothing of it is parked, and its events come again in their order: a promise's earlier event that was applied
 *   in the batch can't end up parked behind a later one, where its retry would be skipped as already seen. Within
 *   the batch, a promise with a letter waiting counts as parked.</li>
 *   <li>A batch delivered again after its letters were written but before its token was parks nothing twice: an
 *   event already parked is not parked again, and an earlier event of the promise than the first parked one was
 *   applied before the promise was parked (it came before the failure), so it is not parked behind it.</li>
 * </ul>
 */
final class ParkedEvents implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    private final String group;
    private final SequencedDeadLetterQueue<EventMessage<?>> stored;
    private final String resourceKey;

    ParkedEvents(String group, SequencedDeadLetterQueue<EventMessage<?>> stored) {
        this.group = group;
        this.stored = stored;
        this.resourceKey = ParkedEvents.class.getName() + "/" + group;
    }

    String group() {
        return group;
    }

    /** The letters a batch will write at its end. */
    private record Waiting(List<Object> sequences, List<DeadLetter<? extends EventMessage<?>>> letters,
                           ParkedEvents queue) implements FlushAtEndOfBatch.Participant {
        boolean holds(Object sequence) {
            return sequences.contains(sequence);
        }

        @Override
        public void flush() {
            for (int i = 0; i < letters.size(); i++) {
                queue.write(sequences.get(i), letters.get(i));
            }
            sequences.clear();
            letters.clear();
        }
    }

    private static UnitOfWork<?> batch() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch
                ? batch : null;
    }

    private Waiting waiting(boolean create) {
        UnitOfWork<?> batch = batch();
        if (batch == null) {
            return null;
        }
        Waiting waiting = batch.getResource(resourceKey);
        if (waiting == null && create) {
            waiting = new Waiting(new ArrayList<>(), new ArrayList<>(), this);
            batch.resources().put(resourceKey, waiting);
            FlushAtEndOfBatch.registerAfterReadModels(batch, waiting);
        }
        return waiting;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        Waiting waiting = waiting(true);
        if (waiting != null) {
            waiting.sequences.add(sequenceIdentifier);
            waiting.letters.add(letter);
        } else {
            write(sequenceIdentifier, letter);
        }
    }

    private void write(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        String eventIdentifier = letter.message().getIdentifier();
        Long firstParked = null;
        boolean first = true;
        for (DeadLetter<? extends EventMessage<?>> parked : stored.deadLetterSequence(sequenceIdentifier)) {
            if (parked.message().getIdentifier().equals(eventIdentifier)) {
                return;
            }
            if (first && parked.message() instanceof DomainEventMessage<?> domain) {
                firstParked = domain.getSequenceNumber();
            }
            first = false;
        }
        if (firstParked != null && letter.message() instanceof DomainEventMessage<?> domain
            && domain.getSequenceNumber() < firstParked) {
            // delivered again: it came before the event that failed, so it was applied before the promise was parked
            return;
        }
        if (first) {
            log.error("Read model '{}' parks promise '{}' at event {} ({}{}): {}. Its later events wait behind it; "
                      + "GET /api/operations/dead-letters lists them, POST .../{}/retry applies them once the fault is "
                      + "mended.", group, sequenceIdentifier, eventIdentifier, letter.message().getPayloadType().getSimpleName(),
                    letter.message() instanceof DomainEventMessage<?> domain ? ", sequence " + domain.getSequenceNumber() : "",
                    letter.cause().map(cause -> cause.message()).orElse("?"), sequenceIdentifier);
        }
        stored.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        if (!contains(sequenceIdentifier)) {
            return false;
        }
        enqueue(sequenceIdentifier, letterBuilder.get());
        return true;
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        Waiting waiting = waiting(false);
        return (waiting != null && waiting.holds(sequenceIdentifier)) || stored.contains(sequenceIdentifier);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        stored.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        stored.requeue(letter, letterUpdater);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return stored.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return stored.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return stored.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return stored.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return stored.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return stored.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>,
                                   EnqueueDecision<EventMessage<?>>> processingTask) {
        return stored.process(sequenceFilter, processingTask);
    }

    @Override
    public void clear() {
        stored.clear();
    }
}
