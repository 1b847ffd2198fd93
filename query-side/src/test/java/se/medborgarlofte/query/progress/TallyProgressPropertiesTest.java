package se.medborgarlofte.query.progress;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Cadence;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.EventMetadataKeys;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.query.ProjectionTestSupport;
import se.medborgarlofte.query.activity.ActivityDocument;
import se.medborgarlofte.query.activity.ActivityProjection;
import se.medborgarlofte.query.activity.TallyBackfill;
import se.medborgarlofte.query.batch.FlushAtEndOfBatch;
import se.medborgarlofte.query.progress.ProgressCalculator.Activity;
import se.medborgarlofte.query.progress.ProgressCalculator.Assessment;
import se.medborgarlofte.query.progress.ProgressCalculator.Commitment;
import se.medborgarlofte.query.progress.ProgressCalculator.Period;
import se.medborgarlofte.query.tally.ActivityTally;
import se.medborgarlofte.query.tally.PromiseTally;
import se.medborgarlofte.query.tally.TallyStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress from a promise's tally is exactly the progress computed the old way, from the list of every activity
 * that counts ({@link ActivityListProgress}): for random promises (every commitment shape, one or three
 * municipalities, targets per municipality and on an outcome measure, assessments), random records, corrections and
 * retractions, and any date. Through the real projection, in random batches, some delivered again as after a crash
 * between the writes and the token, some after a crash between the tally's write and the activities'.
 */
class TallyProgressPropertiesTest {

    static final List<String> ONE_MUNICIPALITY = List.of("Gnosjö");
    static final List<String> THREE_MUNICIPALITIES = List.of("Gullspång", "Mariestad", "Töreboda");
    static final List<ActivityKind> KINDS = List.of(ActivityKind.TRAFFIC_CONTROL, ActivityKind.SAFETY_WALK,
            ActivityKind.SCHOOL_VISIT, ActivityKind.OTHER);
    static final List<String> MEASURES = List.of("vehiclesChecked", "speedingOffences", "residentsParticipating",
            "participants");

    static ProjectionTestSupport support;
    static final AtomicInteger promises = new AtomicInteger();

    @BeforeContainer
    static void startServer() {
        support = new ProjectionTestSupport();
    }

    @AfterContainer
    static void stopServer() {
        support.close();
    }

    // --- what is generated -----------------------------------------------------------------------------------

    /** An activity as recorded or corrected; {@code day} counts from 20 days before the period starts. */
    record ActivitySpec(ActivityKind kind, int day, List<String> commitments, int municipality,
                        Map<String, Integer> outcomes, boolean completes) {
    }

    enum Change { RECORD, CORRECT, RETRACT }

    /** {@code target} picks the activity a correction or retraction is about, among those not retracted. */
    record Operation(Change change, int target, ActivitySpec activity) {
    }

    record CommitmentSpec(CommitmentShape shape, Set<ActivityKind> kinds, Integer target, boolean onMeasure,
                          Cadence cadence, Integer dueDay, Tuple.Tuple2<Integer, PaceStatus> assessment,
                          Tuple.Tuple2<Boolean, Integer> municipal) {
    }

    /** How the events are delivered: batch sizes, and per batch 0 (once), 1 (again) or 2 (crash between writes). */
    record Delivery(List<Integer> batchSizes, List<Integer> crashes) {
    }

    record Promise(LocalDate from, int days, boolean threeMunicipalities, List<CommitmentSpec> specs) {
        Period period() {
            return new Period(from, from.plusDays(days - 1));
        }

        List<String> municipalities() {
            return threeMunicipalities ? THREE_MUNICIPALITIES : ONE_MUNICIPALITY;
        }

        List<Commitment> commitments() {
            List<Commitment> result = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                CommitmentSpec spec = specs.get(i);
                List<String> appliesTo = spec.municipal().get1() && threeMunicipalities
                        ? List.of(THREE_MUNICIPALITIES.get(i % 3)) : List.of();
                Map<String, Integer> municipalTargets = spec.municipal().get2() == null ? Map.of()
                        : Map.of(municipalities().get(i % municipalities().size()), spec.municipal().get2());
                CommitmentTerms terms = new CommitmentTerms("Åtagande " + i, "", Party.JOINT, i % 2 == 0 ? "TRAFFIC"
                        : "SAFETY", spec.kinds(), spec.target(), spec.shape(), spec.cadence(),
                        spec.dueDay() == null ? null : from.plusDays(spec.dueDay()), appliesTo, municipalTargets,
                        spec.onMeasure() ? "vehiclesChecked" : null, null);
                Assessment assessment = spec.assessment() == null ? null
                        : new Assessment(from.plusDays(spec.assessment().get1()), spec.assessment().get2(), "Bedömt");
                result.add(new Commitment("c" + (i + 1), terms, assessment));
            }
            return result;
        }
    }

    @Provide
    Arbitrary<Promise> promises() {
        Arbitrary<CommitmentSpec> commitment = Combinators.combine(
                Arbitraries.of(CommitmentShape.class),
                Arbitraries.subsetOf(KINDS.subList(0, 3)).ofMinSize(1),
                Arbitraries.integers().between(1, 40).injectNull(0.2),
                Arbitraries.of(true, false),
                Combinators.combine(Arbitraries.of(Cadence.Every.class), Arbitraries.integers().between(1, 3))
                        .as(Cadence::new),
                Arbitraries.integers().between(-10, 420).injectNull(0.2),
                Combinators.combine(Arbitraries.integers().between(-10, 420), Arbitraries.of(PaceStatus.class))
                        .as(Tuple::of).injectNull(0.5),
                Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, 20).injectNull(0.5))
                        .as(Tuple::of)).as(CommitmentSpec::new);
        return Combinators.combine(
                Arbitraries.integers().between(0, 400).map(d -> LocalDate.of(2024, 1, 1).plusDays(d)),
                Arbitraries.integers().between(200, 400),
                Arbitraries.of(true, false),
                commitment.list().ofMinSize(1).ofMaxSize(4)).as(Promise::new);
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        // skewed towards one kind and municipality, so that activities often share a cell
        Arbitrary<ActivitySpec> activity = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(ActivityKind.TRAFFIC_CONTROL)),
                        Tuple.of(2, Arbitraries.of(KINDS))),
                // any day, or one of a few, so that activities share days (and cells)
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(0, 440)),
                        Tuple.of(2, Arbitraries.of(20, 21, 50, 51, 140, 300))),
                Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.of("c1"))),
                        Tuple.of(3, Arbitraries.of("c1", "c2", "c3", "c4", "c9").list().ofMinSize(1).ofMaxSize(3))),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers()
                        .between(-1, 4))),
                Arbitraries.maps(Arbitraries.of(MEASURES), Arbitraries.integers().between(0, 30)).ofMaxSize(3),
                Arbitraries.of(true, false)).as(ActivitySpec::new);
        Arbitrary<Operation> operation = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Change.RECORD)),
                        Tuple.of(3, Arbitraries.just(Change.CORRECT)), Tuple.of(1, Arbitraries.just(Change.RETRACT))),
                Arbitraries.integers().between(0, 1000),
                activity).as(Operation::new);
        return operation.list().ofMaxSize(60).withSizeDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<Delivery> deliveries() {
        return Combinators.combine(Arbitraries.integers().between(1, 8).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(1, 1), Tuple.of(1, 2)).list().ofMinSize(1).ofMaxSize(6))
                .as(Delivery::new);
    }

    @Provide
    Arbitrary<List<Integer>> dates() {
        return Arbitraries.integers().between(-40, 440).list().ofMinSize(1).ofMaxSize(4);
    }

    // --- the properties --------------------------------------------------------------------------------------

    /** The pure calculation (also what {@code knownAt} uses, from the events folded to a moment). */
    @Property(tries = 300)
    void progressFromATallyOfActivitiesEqualsProgressFromTheActivities(@ForAll("promises") Promise promise,
                                                                       @ForAll("operations") List<Operation> operations,
                                                                       @ForAll("dates") List<Integer> dates) {
        List<Activity> activities = new ArrayList<>();
        for (ActivityDetails details : finalActivities(promise, operations).values()) {
            if (details != null) {
                activities.add(activity(details));
            }
        }
        ActivityTally tally = ProgressCalculator.tally(activities);
        Statistics.label("a counted cell holds several activities").collect(
                promise.commitments().stream().anyMatch(c -> tally.cells(c.commitmentId()).stream().anyMatch(cell ->
                        cell.activities() > 1 && c.terms().counts(cell.kind()))));
        sameProgressOnEveryDate(promise, dates, activities,
                new ProgressInputs.Inputs(promise.municipalities(), promise.commitments(), activities));
    }

    /** On each date, progress from {@code inputs} equals the former computation over {@code activities}. */
    private static void sameProgressOnEveryDate(Promise promise, List<Integer> dates, List<Activity> activities,
                                                ProgressInputs.Inputs inputs) {
        for (int offset : dates) {
            LocalDate asOf = promise.period().clamp(promise.from().plusDays(offset));
            ActivityListProgress.Answer expected = ActivityListProgress.answer(promise.municipalities(),
                    promise.commitments(), activities, promise.period(), asOf);

            assertThat(answer(promise, inputs, asOf)).isEqualTo(expected);
        }
    }

    /** Through the projection and the stored tally, against the activity log as the progress endpoint read it. */
    @Property(tries = 100)
    void progressFromTheStoredTallyEqualsProgressFromTheActivityLog(@ForAll("promises") Promise promise,
                                                                    @ForAll("operations") List<Operation> operations,
                                                                    @ForAll("deliveries") Delivery delivery,
                                                                    @ForAll("dates") List<Integer> dates) {
        String promiseId = "p" + promises.incrementAndGet();
        deliver(promiseId, events(promiseId, promise, operations), delivery);

        ActivityTally stored = new TallyStore(support.mongo).find(promiseId).map(t -> t.tally)
                .orElseGet(ActivityTally::new);
        PromiseTally recounted = TallyBackfill.countFromActivities(support.mongo).get(promiseId);
        assertThat(stored).as("the stored tally is what the activity documents add up to")
                .isEqualTo(recounted == null ? new ActivityTally() : recounted.tally);
        List<Activity> log = support.mongo.find(Query.query(Criteria.where("promiseId").is(promiseId)
                        .and("retracted").is(false)), ActivityDocument.class).stream()
                .map(a -> new Activity(a.kind, a.occurredOn, a.commitmentIds, a.municipality,
                        a.outcomes == null ? Map.of() : a.outcomes, a.completes)).toList();
        sameProgressOnEveryDate(promise, dates, log,
                new ProgressInputs.Inputs(promise.municipalities(), promise.commitments(), stored));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    static ActivityListProgress.Answer answer(Promise promise, ProgressInputs.Inputs inputs, LocalDate asOf) {
        return new ActivityListProgress.Answer(inputs.commitments().stream()
                .map(c -> ProgressCalculator.progress(c, inputs.activities(), promise.period(), asOf)).toList(),
                MunicipalityProgress.rollUps(inputs, promise.period(), asOf));
    }

    static ActivityDetails details(Promise promise, ActivitySpec spec) {
        List<String> municipalities = promise.municipalities();
        String municipality = spec.municipality() < 0 ? null
                : spec.municipality() == 3 ? municipalities.get(0).toUpperCase()
                : spec.municipality() == 4 ? "Annanstans"
                : municipalities.get(spec.municipality() % municipalities.size());
        return new ActivityDetails(spec.kind(), promise.from().minusDays(20).plusDays(spec.day()), "Platsen",
                Party.POLICE, spec.commitments().stream().map(CommitmentId::new).toList(), List.of(), spec.outcomes(),
                "", municipality, null, null, spec.completes());
    }

    static Activity activity(ActivityDetails details) {
        return new Activity(details.kind(), details.occurredOn(),
                details.commitmentIds().stream().map(CommitmentId::value).toList(), details.municipality(),
                details.outcomes(), details.completes());
    }

    /** Each activity as the operations leave it: its last details, or null once retracted. */
    static Map<String, ActivityDetails> finalActivities(Promise promise, List<Operation> operations) {
        Map<String, ActivityDetails> activities = new LinkedHashMap<>();
        for (PromiseEvent event : changes("p", promise, operations)) {
            if (event instanceof ActivityRecorded e) {
                activities.put(e.activityId().value(), e.details());
            } else if (event instanceof ActivityCorrected e) {
                activities.put(e.activityId().value(), e.details());
            } else if (event instanceof ActivityRetracted e) {
                activities.put(e.activityId().value(), null);
            }
        }
        return activities;
    }

    /** The events the operations stand for; a correction or retraction with no activity left to change is dropped. */
    static List<PromiseEvent> changes(String promiseId, Promise promise, List<Operation> operations) {
        PromiseId id = new PromiseId(promiseId);
        List<String> open = new ArrayList<>();
        List<PromiseEvent> events = new ArrayList<>();
        int recorded = 0;
        for (Operation operation : operations) {
            if (operation.change() == Change.RECORD) {
                String activityId = "a" + recorded++;
                open.add(activityId);
                events.add(new ActivityRecorded(id, new ActivityId(activityId), details(promise, operation.activity()),
                        recorded % 3 == 0));
            } else if (!open.isEmpty()) {
                String activityId = open.get(operation.target() % open.size());
                if (operation.change() == Change.CORRECT) {
                    events.add(new ActivityCorrected(id, new ActivityId(activityId),
                            details(promise, operation.activity()), "Rättad"));
                } else {
                    open.remove(activityId);
                    events.add(new ActivityRetracted(id, new ActivityId(activityId), "Fel"));
                }
            }
        }
        return events;
    }

    static List<EventMessage<?>> events(String promiseId, Promise promise, List<Operation> operations) {
        List<EventMessage<?>> messages = new ArrayList<>();
        long sequence = 2;
        for (PromiseEvent event : changes(promiseId, promise, operations)) {
            messages.add(new GenericDomainEventMessage<>("Promise", promiseId, sequence, event,
                    Map.of(EventMetadataKeys.USER_ID, "anna"), promiseId + "-" + sequence,
                    Instant.parse("2025-01-01T00:00:00Z").plusSeconds(sequence)));
            sequence++;
        }
        return messages;
    }

    static void deliver(String promiseId, List<EventMessage<?>> events, Delivery delivery) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(
                new ActivityProjection(support.mongo, null));
        int start = 0;
        for (int batch = 0; start < events.size(); batch++) {
            int size = delivery.batchSizes().get(batch % delivery.batchSizes().size());
            List<EventMessage<?>> batchEvents = events.subList(start, Math.min(events.size(), start + size));
            int crash = delivery.crashes().get(batch % delivery.crashes().size());
            Document ofThePromise = new Document("promiseId", promiseId);
            List<Document> activitiesBefore = crash == 2 ? support.mongo.getCollection("activities")
                    .find(ofThePromise).into(new ArrayList<>()) : List.of();
            ProjectionTestSupport.processBatch(handlers, batchEvents);
            if (crash == 2) {
                // the tallies were written, the activity documents were not, and no token was stored
                support.mongo.getCollection("activities").deleteMany(ofThePromise);
                if (!activitiesBefore.isEmpty()) {
                    support.mongo.getCollection("activities").insertMany(activitiesBefore);
                }
            }
            if (crash > 0) {
                ProjectionTestSupport.processBatch(handlers, batchEvents);
            }
            start += size;
        }
    }
}
