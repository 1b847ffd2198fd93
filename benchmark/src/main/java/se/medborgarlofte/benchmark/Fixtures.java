package se.medborgarlofte.benchmark;

import se.medborgarlofte.events.SwedishTime;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.eventstore.AxonSerialization;
import se.medborgarlofte.eventstore.EventDocuments;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.EventMetadataKeys;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * Realistic promises, commitments and activities: valid under every domain rule (period around today, a POLICE
 * commitment counting traffic controls, activities in the past), and an ActivityRecorded event of about 1 KB as
 * stored (payload, metadata and the storage engine's fields).
 */
final class Fixtures {

    static final String AGGREGATE_TYPE = "Promise";
    static final String FOCUS_AREA = "TRAFFIC";
    static final String NOTES = "Hastighetskontroll med laserpistol vid skolan och på infarten från riksvägen. "
                                + "Förarna informerades om de nya hastighetsgränserna och om trygghetsvandringen "
                                + "som kommunen planerar i området under hösten. Två förare rapporterades för "
                                + "hastighetsöverträdelse och en för mobilanvändning. Samverkan med kommunens "
                                + "trafikenhet om skyltningen fortsätter.";

    /** Today in Stockholm, fixed at start so that no activity is "in the future" whatever the run's length. */
    static final LocalDate TODAY = LocalDate.now(SwedishTime.ZONE);

    private Fixtures() {
    }

    static PromiseId promiseId(String run, int index) {
        return PromiseId.of("bench-" + run + "-" + index);
    }

    static CommitmentId commitmentId() {
        return CommitmentId.of("traffic");
    }

    static PromiseTerms promiseTerms(int index) {
        LocalDate from = TODAY.minusDays(400);
        return new PromiseTerms("Medborgarlöfte Testkommun " + index + " " + from.getYear(),
                List.of("Testkommun " + index), policeArea(index),
                from, TODAY.plusDays(300), from,
                List.of(new Signatory("Eva Ek", "Kommunstyrelsens ordförande", Party.MUNICIPALITY),
                        new Signatory("Per Polis", "Lokalpolisområdeschef", Party.POLICE)),
                "Vi lovar att arbeta tillsammans för ökad trygghet och säkrare trafik i Testkommun " + index + ".",
                List.of("Medborgardialog", "EST-lägesbild"), "Uppföljning varje kvartal i BRÅ.",
                List.of(new FocusArea(FOCUS_AREA, "Trafiksäkerhet"), new FocusArea("SAFETY", "Trygghet")));
    }

    static CommitmentTerms commitmentTerms() {
        return new CommitmentTerms("Trafikkontroller vid skolor", "Polisen genomför trafikkontroller vid skolorna.",
                Party.POLICE, FOCUS_AREA, Set.of(ActivityKind.TRAFFIC_CONTROL), 1_000_000);
    }

    static ActivityDetails activityDetails(long n) {
        return new ActivityDetails(ActivityKind.TRAFFIC_CONTROL, TODAY.minusDays(1 + n % 300),
                "Skolvägen " + (n % 97), Party.POLICE, List.of(commitmentId()),
                List.of("Anna Andersson", "Bertil Berg", "Cecilia Carlsson"),
                Map.of("vehiclesChecked", 40 + (int) (n % 20), "drunkDrivingSuspected", 2, "speedingOffences", 5), NOTES);
    }

    static SignPromise signPromise(PromiseId id, int index) {
        return new SignPromise(id, promiseTerms(index));
    }

    static AddCommitment addCommitment(PromiseId id) {
        return new AddCommitment(id, commitmentId(), commitmentTerms());
    }

    static RecordActivity recordActivity(PromiseId id, String activityId, long n) {
        return new RecordActivity(id, ActivityId.of(activityId), activityDetails(n), false);
    }

    /**
     * What the command side's REST layer puts on a command (and so on its events): an administrator signs promises
     * and adds commitments, a police editor of the promise's police area records activities.
     */
    static MetaData admin(String commandId) {
        return actor("admin", "Administratör", "Kommunledningskontoret", "ADMIN", commandId);
    }

    static MetaData policeEditor(int promiseIndex, String commandId) {
        return actor("kp-anna", "Anna Andersson", policeArea(promiseIndex), "EDITOR", commandId);
    }

    private static MetaData actor(String userId, String userName, String organisation, String role,
                                  String commandId) {
        return MetaData.from(Map.of(EventMetadataKeys.USER_ID, userId,
                EventMetadataKeys.USER_NAME, userName,
                EventMetadataKeys.ORGANISATION, organisation,
                EventMetadataKeys.ROLE, role,
                EventMetadataKeys.COMMAND_ID, commandId));
    }

    static String policeArea(int promiseIndex) {
        return "Lokalpolisområde Testkommun " + promiseIndex;
    }

    /** Metadata as a stored event carries it: the actor plus Axon's correlation and trace ids. */
    static MetaData eventMetaData(int promiseIndex) {
        String id = UUID.randomUUID().toString();
        return policeEditor(promiseIndex, id).and("correlationId", id).and("traceId", id);
    }

    /**
     * One promise's history as the aggregate would have produced it: PromiseSigned, CommitmentAdded, then
     * {@code count - 2} ActivityRecorded, with aggregate sequence numbers 0..count-1; {@code timestamp} gives each
     * event's time from its aggregate sequence number.
     */
    static List<DomainEventMessage<?>> promiseHistory(PromiseId id, int index, int count,
                                                      LongFunction<Instant> timestamp) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        events.add(event(id, index, 0, new PromiseSigned(id, promiseTerms(index)), timestamp.apply(0)));
        events.add(event(id, index, 1, new CommitmentAdded(id, commitmentId(), commitmentTerms()),
                timestamp.apply(1)));
        for (int seq = 2; seq < count; seq++) {
            long n = (long) index * count + seq;
            events.add(event(id, index, seq, new ActivityRecorded(id, ActivityId.of("a" + seq), activityDetails(n),
                    false), timestamp.apply(seq)));
        }
        return events;
    }

    private static DomainEventMessage<?> event(PromiseId id, int index, long seq, PromiseEvent payload,
                                               Instant timestamp) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, id.value(), seq, payload, eventMetaData(index),
                UUID.randomUUID().toString(), timestamp);
    }

    /**
     * A document shaped and sized like an ActivityRecorded in our event store (same fields as
     * SequencedMongoEventStorageEngine writes, the payload and metadata serialized by the application's
     * serializer), for the raw driver baseline. {@code _id} and the ids are replaced per insert.
     */
    static Document rawEventDocument() {
        Serializer serializer = AxonSerialization.serializer();
        PromiseId id = PromiseId.of("bench-raw-0");
        DomainEventMessage<?> event = event(id, 0, 2,
                new ActivityRecorded(id, ActivityId.of("a2"), activityDetails(2), false), Instant.now());
        return EventDocuments.toDocument(event, 0L, serializer);
    }
}
