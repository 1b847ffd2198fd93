package se.medborgarlofte.query.problems;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Events of a type this version does not know, which a read model therefore skips: logged and kept here for a person
 * to look at, so that the rest flows. (Events that can't be read, or whose handling fails, are not skipped: they are
 * parked with their promise as dead letters, see {@code query.deadletter}.) Entries recorded by earlier versions for
 * unreadable payloads stay listed.
 */
@Component
public class EventProblemLog {

    private static final Logger log = LoggerFactory.getLogger(EventProblemLog.class);

    private final MongoTemplate mongo;

    EventProblemLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Document("eventProblems")
    public record EventProblem(@Id String id, String processingGroup, String eventIdentifier,
                               String aggregateIdentifier, Long sequenceNumber, String payloadType, String problem,
                               Instant recordedAt, Instant seenAt) {
    }

    public void record(String processingGroup, EventMessage<?> event, String payloadType, String problem) {
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        log.error("Read model '{}' skips event {} (aggregate {}, sequence {}, type {}): {}", processingGroup,
                event.getIdentifier(), aggregate, sequence, payloadType, problem);
        mongo.save(new EventProblem(processingGroup + "/" + event.getIdentifier(), processingGroup,
                event.getIdentifier(), aggregate, sequence, payloadType, problem, event.getTimestamp(), Instant.now()));
    }

    /** For a projection's handler of events whose type this version does not know. */
    public void recordUnknownType(String processingGroup, UnknownSerializedType unknown, EventMessage<?> event) {
        record(processingGroup, event, unknown.serializedType().getName(), "unknown event type");
    }

    public List<EventProblem> all() {
        return mongo.findAll(EventProblem.class);
    }
}
