package se.medborgarlofte.query.deadletter;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import se.medborgarlofte.query.deadletter.DeadLetterViews.Eviction;
import se.medborgarlofte.query.deadletter.DeadLetterViews.FailureCause;
import se.medborgarlofte.query.deadletter.DeadLetterViews.ParkedEvent;
import se.medborgarlofte.query.deadletter.DeadLetterViews.ParkedSequence;
import se.medborgarlofte.query.deadletter.DeadLetterViews.RetryOutcome;
import se.medborgarlofte.query.web.BadQueryException;
import se.medborgarlofte.query.web.NotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/** The parked events of every read model, for operators: list them, retry a promise's, evict them. */
@Component
class DeadLetters {

    private final EventProcessingConfiguration processing;
    private final Serializer eventSerializer;
    private final StoredEvents stored;

    DeadLetters(EventProcessingConfiguration processing, EventStorageEngine storage, MongoTemplate axonMongo,
                @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.processing = processing;
        this.eventSerializer = eventSerializer;
        this.stored = new StoredEvents(storage, eventSerializer, axonMongo.deadLetterCollection());
    }

    /** Every parked promise, per read model; {@code group} (optional) names one read model. */
    List<ParkedSequence> all(String group) {
        List<ParkedSequence> all = new ArrayList<>();
        for (String name : groups(group)) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(name).deadLetters()) {
                List<DeadLetter<? extends EventMessage<?>>> letters = list(sequence);
                if (!letters.isEmpty()) {
                    all.add(view(name, sequenceOf(letters.get(0)), letters));
                }
            }
        }
        return all;
    }

    /** The parked events of one promise, in every read model (or in {@code group}); 404 when there are none. */
    List<ParkedSequence> of(String sequence, String group) {
        List<ParkedSequence> found = new ArrayList<>();
        for (String name : groups(group)) {
            List<DeadLetter<? extends EventMessage<?>>> letters = list(queue(name).deadLetterSequence(sequence));
            if (!letters.isEmpty()) {
                found.add(view(name, sequence, letters));
            }
        }
        if (found.isEmpty()) {
            throw nothingParked(sequence);
        }
        return found;
    }

    /**
     * Reads the promise's parked events again from the event store and applies them in order, in every read model
     * where it is parked (or in {@code group}), until one fails again; what was applied leaves the queue.
     */
    List<RetryOutcome> retry(String sequence, String group) {
        List<RetryOutcome> outcomes = new ArrayList<>();
        for (String name : groups(group)) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
            List<DeadLetter<? extends EventMessage<?>>> before = list(queue.deadLetterSequence(sequence));
            if (before.isEmpty()) {
                continue;
            }
            stored.refresh(name, sequence, before);
            long first = indexOf(before.get(0));
            // axon-mongo offers each sequence's first letter by the collection's natural order; start only at the
            // lowest index, so the events are never applied out of their order
            processor(name).process(letter -> sequence.equals(sequenceOf(letter)) && indexOf(letter) == first);
            List<DeadLetter<? extends EventMessage<?>>> after = list(queue.deadLetterSequence(sequence));
            FailureCause cause = after.isEmpty() ? null : after.get(0).cause().map(FailureCause::of).orElse(null);
            int applied = before.size() - after.size();
            outcomes.add(new RetryOutcome(name, sequence, applied, after.size(), cause, after.isEmpty()
                    ? "Alla " + applied + " parkerade händelser är tillämpade i " + name + "."
                    : applied + " tillämpade, " + after.size() + " parkerade kvar i " + name
                      + ": den första gick inte att tillämpa."));
        }
        if (outcomes.isEmpty()) {
            throw nothingParked(sequence);
        }
        return outcomes;
    }

    /**
     * Removes the promise's parked events (only {@code eventIdentifier}, if given) from every read model's queue (or
     * {@code group}'s): they are never applied. 404 when nothing matched.
     */
    Eviction evict(String sequence, String group, String eventIdentifier) {
        int evicted = 0;
        for (String name : groups(group)) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(name);
            for (DeadLetter<? extends EventMessage<?>> letter : list(queue.deadLetterSequence(sequence))) {
                if (eventIdentifier == null || eventIdentifier.equals(letter.message().getIdentifier())) {
                    queue.evict(letter);
                    evicted++;
                }
            }
        }
        if (evicted == 0) {
            throw eventIdentifier == null ? nothingParked(sequence) : new NotFoundException("Händelsen "
                    + eventIdentifier + " är inte parkerad för " + sequence + ".");
        }
        return new Eviction(evicted, evicted + (evicted == 1 ? " parkerad händelse" : " parkerade händelser")
                + " för " + sequence + " borttagen ur kön; de tillämpas inte.");
    }

    private ParkedSequence view(String group, String sequence, List<DeadLetter<? extends EventMessage<?>>> letters) {
        return DeadLetterViews.sequence(group, sequence,
                letters.stream().map(letter -> ParkedEvent.of(letter, eventSerializer)).toList());
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        return letter instanceof MongoDeadLetter<?> stored ? stored.sequenceIdentifier() : null;
    }

    private static long indexOf(DeadLetter<?> letter) {
        return letter instanceof MongoDeadLetter<?> stored ? stored.index() : -1;
    }

    private static NotFoundException nothingParked(String sequence) {
        return new NotFoundException("Inga parkerade händelser för " + sequence + ".");
    }

    /** The read models (processing groups), or the one named; an unknown name is a 400. */
    private List<String> groups(String group) {
        TreeSet<String> all = new TreeSet<>(processing.eventProcessors().keySet());
        if (group == null || group.isBlank()) {
            return List.copyOf(all);
        }
        if (!all.contains(group)) {
            throw new BadQueryException("processingGroup", "Okänd läsmodell: '" + group + "'. Finns: "
                    + String.join(", ", all) + ".");
        }
        return List.of(group);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(() ->
                new IllegalStateException("Read model " + group + " has no dead-letter queue"));
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String group) {
        return processing.sequencedDeadLetterProcessor(group).orElseThrow(() ->
                new IllegalStateException("Read model " + group + " has no dead-letter processor"));
    }

    private static <T> List<T> list(Iterable<T> items) {
        return StreamSupport.stream(items.spliterator(), false).toList();
    }
}
