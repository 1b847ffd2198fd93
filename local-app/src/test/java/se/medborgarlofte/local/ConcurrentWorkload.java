package se.medborgarlofte.local;

import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** What the writers of {@link ConcurrentWritersTest} did, as they did it: the expected figures. */
final class ConcurrentWorkload {

    static final List<String> HOT = List.of("hot-0", "hot-1");
    static final int COLD = 30;
    static final CommitmentId COMMITMENT = new CommitmentId("c");
    static final CommitmentTerms COMMITMENT_TERMS = new CommitmentTerms("Trafikkontroller", "", Party.POLICE,
            "TRAFFIC", Set.of(ActivityKind.TRAFFIC_CONTROL), 100);

    /** One activity, changed only by the writer that recorded it. */
    static final class Activity {
        final String promise;
        final String id;
        volatile String place;
        volatile int corrections;
        volatile boolean retracted;

        Activity(String promise, String id, String place) {
            this.promise = promise;
            this.id = id;
            this.place = place;
        }

        void corrected(String newPlace) {
            place = newPlace;
            corrections++;
        }
    }

    final List<String> promises = new ArrayList<>(HOT);
    /** By read-model id, "promise/activity". */
    final Map<String, Activity> activities = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> assessments = new ConcurrentHashMap<>();

    ConcurrentWorkload() {
        for (int i = 0; i < COLD; i++) {
            promises.add("cold-" + i);
        }
    }

    /** Half of the activities go to the two hot promises, the rest spread over the cold ones. */
    Activity newActivity(int writer, int round, ThreadLocalRandom random) {
        String promise = random.nextBoolean() ? HOT.get(random.nextInt(HOT.size()))
                : promises.get(HOT.size() + random.nextInt(COLD));
        Activity activity = new Activity(promise, "w" + writer + "-" + round, activity(round).place());
        activities.put(promise + "/" + activity.id, activity);
        return activity;
    }

    void assessed(String promise) {
        assessments.computeIfAbsent(promise, p -> new AtomicInteger()).incrementAndGet();
    }

    int assessmentsOf(String promise) {
        AtomicInteger count = assessments.get(promise);
        return count == null ? 0 : count.get();
    }

    int corrections() {
        return activities.values().stream().mapToInt(a -> a.corrections).sum();
    }

    int retractions() {
        return (int) activities.values().stream().filter(a -> a.retracted).count();
    }

    int assessments() {
        return assessments.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Every command the writers sent (once each, however many attempts it took). */
    int commands() {
        return activities.size() + corrections() + retractions() + assessments();
    }

    static PromiseTerms terms(String title) {
        return new PromiseTerms(title, List.of("Testby"), "LPO Testby", LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31), LocalDate.of(2024, 12, 1),
                List.of(new Signatory("Eva", "KSO", Party.MUNICIPALITY)), "Vi lovar", List.of(), "",
                List.of(new FocusArea("TRAFFIC", "Trafik")));
    }

    /** Dated before the {@link TestClock}'s today. */
    static ActivityDetails activity(int i) {
        return new ActivityDetails(ActivityKind.TRAFFIC_CONTROL, LocalDate.of(2025, 1, 1).plusDays(i % 250),
                "Plats " + i, Party.POLICE, List.of(COMMITMENT), List.of(), Map.of(), "");
    }
}
