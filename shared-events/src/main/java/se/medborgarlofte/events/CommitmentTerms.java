package se.medborgarlofte.events;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a commitment promises. {@code countedKinds} are the activity kinds that count towards it; {@code shape}
 * decides how progress is judged (COUNT when stored before shapes existed).
 * <ul>
 * <li>{@code target}: for COUNT, how many activities (or, with {@code targetMeasure}, how much of that outcome
 * measure, e.g. 200 vehiclesChecked) over the period; null where the commitment is followed by assessments.
 * {@code targetSource} says whether the number is in the signed text or assumed (null: not recorded).</li>
 * <li>{@code cadence}: for CADENCE, how many activities every month or quarter.</li>
 * <li>{@code dueOn}: for MILESTONE, when it should be done.</li>
 * <li>{@code municipalities}: the promise's municipalities it applies to (empty: all), with an optional target per
 * municipality in {@code municipalityTargets}.</li>
 * </ul>
 */
public record CommitmentTerms(
        String title,
        String description,
        Party owner,
        String focusArea,
        Set<ActivityKind> countedKinds,
        Integer target,
        CommitmentShape shape,
        Cadence cadence,
        LocalDate dueOn,
        List<String> municipalities,
        Map<String, Integer> municipalityTargets,
        String targetMeasure,
        TargetSource targetSource) {

    public CommitmentTerms {
        countedKinds = Collections.unmodifiableSet(new TreeSet<>(countedKinds));
        shape = shape == null ? CommitmentShape.COUNT : shape;
        municipalities = municipalities == null ? List.of() : List.copyOf(municipalities);
        municipalityTargets = municipalityTargets == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(municipalityTargets));
    }

    /** A COUNT commitment over all municipalities, as commitments were before shapes existed. */
    public CommitmentTerms(String title, String description, Party owner, String focusArea,
                           Set<ActivityKind> countedKinds, Integer target) {
        this(title, description, owner, focusArea, countedKinds, target, CommitmentShape.COUNT, null, null, List.of(),
                Map.of(), null, null);
    }

    public boolean counts(ActivityKind kind) {
        return countedKinds.contains(kind);
    }

    /** Whether the commitment applies to a municipality (always, where it names none). */
    public boolean appliesTo(String municipality) {
        return municipalities.isEmpty() || municipality == null
               || municipalities.stream().anyMatch(municipality.strip()::equalsIgnoreCase);
    }
}
