package se.medborgarlofte.query.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.serialization.Serializer;

import java.time.Instant;
import java.util.List;

/** What the operations API answers about dead letters. */
final class DeadLetterViews {

    private DeadLetterViews() {
    }

    @Schema(description = "Ett löftes händelser som en läsmodell har parkerat, i den ordning de ska tillämpas")
    record ParkedSequence(@Schema(description = "läsmodellen (processing group)") String processingGroup,
                          @Schema(description = "löftet (sekvensen)") String sequence,
                          @Schema(description = "vad som hänt, på svenska") String summary,
                          List<ParkedEvent> events) {
    }

    @Schema(description = "En parkerad händelse")
    record ParkedEvent(long index, String eventIdentifier, String payloadType, String aggregateIdentifier,
                       Long sequenceNumber, Instant recordedAt,
                       @Schema(description = "varför den parkerades; saknas för en händelse som väntar bakom en "
                                             + "tidigare i samma löfte") FailureCause cause,
                       Instant enqueuedAt, Instant lastTouched) {

        static ParkedEvent of(DeadLetter<? extends EventMessage<?>> letter, Serializer eventSerializer) {
            EventMessage<?> event = letter.message();
            DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
            return new ParkedEvent(letter instanceof MongoDeadLetter<?> stored ? stored.index() : -1,
                    event.getIdentifier(), payloadType(event, eventSerializer),
                    domain == null ? null : domain.getAggregateIdentifier(),
                    domain == null ? null : domain.getSequenceNumber(), event.getTimestamp(),
                    letter.cause().map(FailureCause::of).orElse(null), letter.enqueuedAt(), letter.lastTouched());
        }

        /** The stored type name, without reading the payload (which may be what can't be read). */
        private static String payloadType(EventMessage<?> event, Serializer eventSerializer) {
            try {
                return event.serializePayload(eventSerializer, String.class).getType().getName();
            } catch (RuntimeException unreadable) {
                return event.getPayloadType().getName();
            }
        }
    }

    record FailureCause(String type, String message) {
        static FailureCause of(Cause cause) {
            return new FailureCause(cause.type(), cause.message());
        }
    }

    static ParkedSequence sequence(String group, String sequence, List<ParkedEvent> events) {
        ParkedEvent first = events.get(0);
        String why = first.cause() == null ? "händelsen före den har tagits bort ur kön (försök igen för att tillämpa dem)"
                : first.cause().message().startsWith("The stored event can't be read")
                ? "den första går inte att läsa (laga den lagrade händelsen och försök igen)"
                : "läsmodellen kunde inte tillämpa den första (rätta felet och försök igen)";
        String count = events.size() == 1 ? "1 händelse" : events.size() + " händelser";
        return new ParkedSequence(group, sequence, count + " parkerade för " + sequence + "; " + why + ".", events);
    }

    @Schema(description = "Vad ett nytt försök gav för en läsmodell")
    record RetryOutcome(String processingGroup, String sequence,
                        @Schema(description = "hur många parkerade händelser som nu är tillämpade") int applied,
                        @Schema(description = "hur många som fortfarande är parkerade") int remaining,
                        @Schema(description = "varför den första kvarvarande inte gick att tillämpa") FailureCause cause,
                        String summary) {
    }

    @Schema(description = "Vad som togs bort ur dead-letter-kön")
    record Eviction(@Schema(description = "hur många parkerade händelser som togs bort; de tillämpas aldrig") int evicted,
                    String summary) {
    }
}
