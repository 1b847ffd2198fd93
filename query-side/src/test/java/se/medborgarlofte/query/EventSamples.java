package se.medborgarlofte.query;

import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The wording of a promise in Testby for 2025 and of its traffic-control commitment, for projection tests. */
public final class EventSamples {

    private EventSamples() {
    }

    public static PromiseTerms terms(String title) {
        return new PromiseTerms(title, List.of("Testby"), "LPO Testby", LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31), LocalDate.of(2024, 12, 1),
                List.of(new Signatory("Eva", "KSO", Party.MUNICIPALITY)), "Vi lovar", List.of(), "",
                List.of(new FocusArea("TRAFFIC", "Trafik")));
    }

    public static CommitmentTerms commitment(int target) {
        return new CommitmentTerms("Trafikkontroller", "", Party.POLICE, "TRAFFIC", Set.of(ActivityKind.TRAFFIC_CONTROL),
                target);
    }
}
