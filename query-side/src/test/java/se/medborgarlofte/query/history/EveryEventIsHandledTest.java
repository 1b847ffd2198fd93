package se.medborgarlofte.query.history;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseEvent;
import se.medborgarlofte.events.PromiseEvent.ActivityCorrected;
import se.medborgarlofte.events.PromiseEvent.ActivityRecorded;
import se.medborgarlofte.events.PromiseEvent.ActivityRetracted;
import se.medborgarlofte.events.PromiseEvent.CommitmentAdded;
import se.medborgarlofte.events.PromiseEvent.CommitmentAssessed;
import se.medborgarlofte.events.PromiseEvent.CommitmentRevised;
import se.medborgarlofte.events.PromiseEvent.CommitmentWithdrawn;
import se.medborgarlofte.events.PromiseEvent.PromiseAmended;
import se.medborgarlofte.events.PromiseEvent.PromiseClosed;
import se.medborgarlofte.events.PromiseEvent.PromiseSigned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.FindingCategory;
import se.medborgarlofte.events.FindingDetails;
import se.medborgarlofte.events.FindingId;
import se.medborgarlofte.events.MeasureId;
import se.medborgarlofte.events.MeasurePlan;
import se.medborgarlofte.events.Responsible;
import se.medborgarlofte.events.PromiseEvent.CommitmentCarriedOver;
import se.medborgarlofte.events.PromiseEvent.FindingPublished;
import se.medborgarlofte.events.PromiseEvent.FindingRecorded;
import se.medborgarlofte.events.PromiseEvent.FindingReportedBack;
import se.medborgarlofte.events.PromiseEvent.FindingUnpublished;
import se.medborgarlofte.events.PromiseEvent.MeasureCompleted;
import se.medborgarlofte.events.PromiseEvent.MeasureDeclined;
import se.medborgarlofte.events.PromiseEvent.MeasurePlanned;
import se.medborgarlofte.events.PromiseEvent.PromiseRenewed;
import se.medborgarlofte.query.finding.FindingProjection;
import se.medborgarlofte.query.activity.ActivityProjection;
import se.medborgarlofte.query.timeline.PromiseState;
import se.medborgarlofte.query.timeline.PromiseTimeline;
import se.medborgarlofte.query.promise.PromiseProjection;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static se.medborgarlofte.query.EventSamples.commitment;
import static se.medborgarlofte.query.EventSamples.terms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java 17 checks no switch over a sealed interface for exhaustiveness, so this test does: every {@link PromiseEvent}
 * subtype has a sample here (a new event fails until it gets one), gets a history entry with a Swedish summary,
 * changes the folded state that time travel and progress read, and is handled by the read model it belongs to.
 */
class EveryEventIsHandledTest {

    static final PromiseId PROMISE = new PromiseId("p1");
    static final CommitmentId COMMITMENT = new CommitmentId("c1");
    static final ActivityId ACTIVITY = new ActivityId("a1");
    static final FindingId FINDING = new FindingId("f1");
    static final LocalDate FOUND_ON = LocalDate.of(2025, 3, 1);

    /** One of each event, in an order a promise can live through. */
    static final List<PromiseEvent> LIFE = List.of(
            new PromiseSigned(PROMISE, terms("Medborgarlöfte Testby")),
            new PromiseRenewed(PROMISE, new PromiseId("p0")),
            new CommitmentAdded(PROMISE, COMMITMENT, commitment(10)),
            new CommitmentCarriedOver(PROMISE, COMMITMENT, new PromiseId("p0"), new CommitmentId("c0")),
            new ActivityRecorded(PROMISE, ACTIVITY, activity("Storgatan"), false),
            new FindingRecorded(PROMISE, FINDING, new FindingDetails(ACTIVITY, "Mörk gång", "Storgatan 5",
                    FindingCategory.LIGHTING, Responsible.OTHER, "Testbyhem"), FOUND_ON),
            new MeasurePlanned(PROMISE, FINDING, new MeasureId("m1"), new MeasurePlan("Nya lampor",
                    Responsible.OTHER, "Testbyhem", FOUND_ON.plusDays(10))),
            new MeasurePlanned(PROMISE, FINDING, new MeasureId("m2"), new MeasurePlan("Klippa buskar",
                    Responsible.MUNICIPALITY, null, FOUND_ON.plusDays(5))),
            new MeasureCompleted(PROMISE, FINDING, new MeasureId("m1"), FOUND_ON.plusDays(12), "Två lampor"),
            new MeasureDeclined(PROMISE, FINDING, new MeasureId("m2"), "Inte kommunens mark"),
            new FindingReportedBack(PROMISE, FINDING, FOUND_ON.plusDays(14), "Anslag i trapphuset"),
            new FindingPublished(PROMISE, FINDING, "Mörkt på gångvägen", "Centrum", "Ny belysning"),
            new FindingUnpublished(PROMISE, FINDING, "Fel plats"),
            new ActivityCorrected(PROMISE, ACTIVITY, activity("Ringvägen"), "Fel plats"),
            new ActivityRetracted(PROMISE, ACTIVITY, "Dubbelregistrerad"),
            new CommitmentRevised(PROMISE, COMMITMENT, commitment(12), "Nytt mål"),
            new CommitmentAssessed(PROMISE, COMMITMENT, LocalDate.of(2025, 6, 1), PaceStatus.ON_TRACK, "Enligt plan"),
            new CommitmentWithdrawn(PROMISE, COMMITMENT, "Ersatt"),
            new PromiseAmended(PROMISE, terms("Medborgarlöfte Testby, reviderat"), "Ny titel"),
            new PromiseClosed(PROMISE, LocalDate.of(2025, 12, 31), "Året är slut"));

    /** Which read model keeps what: every event belongs to at least one. */
    static final Map<Class<?>, Set<Class<?>>> READ_MODELS = Map.of(
            PromiseProjection.class, Set.of(PromiseSigned.class, PromiseAmended.class, PromiseClosed.class,
                    CommitmentAdded.class, CommitmentRevised.class, CommitmentWithdrawn.class,
                    CommitmentAssessed.class, PromiseRenewed.class, CommitmentCarriedOver.class),
            FindingProjection.class, Set.of(FindingRecorded.class, MeasurePlanned.class, MeasureCompleted.class,
                    MeasureDeclined.class, FindingReportedBack.class, FindingPublished.class,
                    FindingUnpublished.class),
            ActivityProjection.class, Set.of(ActivityRecorded.class, ActivityCorrected.class,
                    ActivityRetracted.class));

    @Test
    void everyEventTypeHasASample() {
        assertThat(LIFE.stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(PromiseEvent.class.getPermittedSubclasses());
    }

    @Test
    void everyEventGetsAHistoryEntryWithASwedishSummary() {
        HistoryBuilder history = new HistoryBuilder();
        long sequence = 0;
        for (PromiseEvent event : LIFE) {
            HistoryEntry entry = history.next(new PromiseTimeline.Recorded(event,
                    new GenericDomainEventMessage<>("Promise", PROMISE.value(), sequence++, event)));
            assertThat(entry.change()).as(event.getClass().getSimpleName()).isNotBlank();
            assertThat(entry.summary()).as(event.getClass().getSimpleName()).isNotBlank().endsWith(".");
        }
    }

    @Test
    void everyEventChangesTheFoldedState() {
        PromiseState state = new PromiseState();
        for (PromiseEvent event : LIFE) {
            String before = fingerprint(state);
            state.apply(event);
            assertThat(fingerprint(state)).as(event.getClass().getSimpleName() + " changes the state")
                    .isNotEqualTo(before);
        }
    }

    @Test
    void everyEventIsHandledByTheReadModelItBelongsTo() {
        Set<Class<?>> covered = new LinkedHashSet<>();
        READ_MODELS.forEach((projection, expected) -> {
            assertThat(handledBy(projection)).as(projection.getSimpleName()).isEqualTo(expected);
            covered.addAll(expected);
        });
        assertThat(covered).containsExactlyInAnyOrder(PromiseEvent.class.getPermittedSubclasses());
    }

    private static Set<Class<?>> handledBy(Class<?> projection) {
        return Arrays.stream(projection.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(EventHandler.class))
                .map(Method::getParameterTypes)
                .filter(parameters -> parameters.length > 0 && PromiseEvent.class.isAssignableFrom(parameters[0]))
                .map(parameters -> (Class<?>) parameters[0])
                .collect(Collectors.toSet());
    }

    private static String fingerprint(PromiseState state) {
        StringBuilder text = new StringBuilder().append(state.terms).append(state.closed).append(state.renewedFrom);
        state.commitments.forEach((id, c) -> text.append(id).append(c.terms).append(c.withdrawn).append(c.assessments)
                .append(c.carriedFrom));
        state.findings.forEach((id, f) -> {
            text.append(id).append(f.details).append(f.foundOn).append(f.reportedBack).append(f.publication);
            f.measures.forEach((mid, m) -> text.append(mid).append(m.plan).append(m.doneOn).append(m.whatWasDone)
                    .append(m.declineReason));
        });
        state.activities.forEach((id, a) -> text.append(id).append(a.details).append(a.retracted).append(a.example));
        return text.toString();
    }

    static ActivityDetails activity(String place) {
        return new ActivityDetails(ActivityKind.TRAFFIC_CONTROL, LocalDate.of(2025, 3, 1), place, Party.POLICE,
                List.of(COMMITMENT), List.of(), Map.of(), "");
    }
}
