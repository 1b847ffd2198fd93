package se.medborgarlofte.query.progress;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.query.cache.AnswerCache;
import se.medborgarlofte.query.cache.ReadModelVersions;
import se.medborgarlofte.query.progress.ProgressCalculator.CommitmentProgress;
import se.medborgarlofte.query.progress.ProgressCalculator.Period;
import se.medborgarlofte.query.progress.ProgressCalculator.RollUp;
import se.medborgarlofte.query.timeline.PromiseState;
import se.medborgarlofte.query.timeline.PromiseTimeline;
import se.medborgarlofte.query.promise.PromiseDocument;
import se.medborgarlofte.query.promise.PromiseRepository;
import se.medborgarlofte.query.tally.ActivityTally;
import se.medborgarlofte.query.tally.PromiseTally;
import se.medborgarlofte.query.tally.TallyStore;
import se.medborgarlofte.query.web.TimeParameters;
import se.medborgarlofte.query.web.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RestController
@Tag(name = "Framsteg")
class ProgressController {

    private final PromiseRepository promises;
    private final TallyStore tallies;
    private final PromiseTimeline timeline;
    private final Clock clock;
    /** Today's answers: a promise's progress at a date is computed once per change of its read models. */
    private final AnswerCache<ProgressView> answers;

    ProgressController(PromiseRepository promises, TallyStore tallies, PromiseTimeline timeline, Clock clock,
                       ReadModelVersions versions) {
        this.promises = promises;
        this.tallies = tallies;
        this.timeline = timeline;
        this.clock = clock;
        this.answers = new AnswerCache<>(versions, 1_000);
    }

    /** What an answer from the read models depends on besides them: the promise and the date asked for. */
    private record Question(String promiseId, LocalDate asOf) {
    }

    /**
     * Progress per commitment at {@code asOf}; {@code knownAt} is set when the answer is what was known at that
     * moment (then {@code exists} tells whether the promise had been signed by then). {@code lastEventSequence} and
     * {@code lastChangedAt} name the newest event of the promise (its wording, commitments or activities) that the
     * read models hold, for caches and "last updated"; they are null for a {@code knownAt} answer.
     */
    public record ProgressView(String promiseId, boolean exists, String title, LocalDate validFrom, LocalDate validTo,
                               LocalDate asOf, Instant knownAt, boolean closed, List<CommitmentProgress> commitments,
                               List<RollUp> byOwner, List<RollUp> byFocusArea, List<RollUp> byMunicipality,
                               RollUp total, Long lastEventSequence, Instant lastChangedAt) {
        ProgressView withLastEvent(Long sequence, Instant changedAt) {
            return new ProgressView(promiseId, exists, title, validFrom, validTo, asOf, knownAt, closed, commitments,
                    byOwner, byFocusArea, byMunicipality, total, sequence, changedAt);
        }
    }

    @GetMapping("/api/promises/{promiseId}/progress")
    @Operation(summary = "Framsteg per åtagande vid ett datum",
            description = "asOf (ÅÅÅÅ-MM-DD, standard i dag) räknas in i löftets period: det som hade hänt till och med "
                    + "den dagen. knownAt (tidpunkt eller datum) ger i stället det som var registrerat vid den tidpunkten, "
                    + "med löftets dåvarande titlar, mål och åtaganden, så att en tidigare rapport kan återskapas exakt. "
                    + "Tillbakadragna åtaganden ingår inte.")
    ProgressView progress(@PathVariable String promiseId,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                          @RequestParam(required = false) String knownAt) {
        Instant known = TimeParameters.moment("knownAt", knownAt);
        if (known != null) {
            return progressKnownAt(promiseId, asOf, known);
        }
        LocalDate asked = asOf != null ? asOf : LocalDate.now(clock);
        return answers.get(promiseId, new Question(promiseId, asked), () -> progressNow(promiseId, asked));
    }

    /** Progress at {@code asOf} (clamped into the period) from the read models. */
    private ProgressView progressNow(String promiseId, LocalDate asOf) {
        PromiseDocument promise = promises.findById(promiseId).orElseThrow(() -> NotFoundException.promise(promiseId));
        Period period = new Period(promise.validFrom, promise.validTo);
        LocalDate date = period.clamp(asOf);
        PromiseTally tally = tallies.find(promiseId).orElse(null);
        ProgressInputs.Inputs inputs = ProgressInputs.fromReadModels(promise,
                tally == null ? new ActivityTally() : tally.tally, date);
        long lastSequence = promise.lastSequence;
        Instant lastChangedAt = promise.updatedAt;
        if (tally != null && tally.lastSequence > lastSequence) {
            lastSequence = tally.lastSequence;
            lastChangedAt = tally.lastChangedAt != null ? tally.lastChangedAt : lastChangedAt;
        }
        return view(promiseId, promise.title, period, date, null, promise.closed, inputs)
                .withLastEvent(lastSequence, lastChangedAt);
    }

    /** What was known at a moment: folded from the events recorded by then, not from today's read models. */
    private ProgressView progressKnownAt(String promiseId, LocalDate asOf, Instant knownAt) {
        List<PromiseTimeline.Recorded> events = timeline.events(promiseId);
        if (events.isEmpty()) {
            throw NotFoundException.promise(promiseId);
        }
        PromiseState state = timeline.stateKnownAt(events, knownAt);
        if (!state.exists()) {
            return new ProgressView(promiseId, false, null, null, null, asOf, knownAt, false, List.of(), List.of(),
                    List.of(), List.of(), ProgressCalculator.rollUp("ALL", List.of()), null, null);
        }
        Period period = new Period(state.terms.validFrom(), state.terms.validTo());
        LocalDate date = period.clamp(asOf != null ? asOf : LocalDate.ofInstant(knownAt, clock.getZone()));
        return view(promiseId, state.terms.title(), period, date, knownAt, state.closed,
                ProgressInputs.fromState(state, date));
    }

    private static ProgressView view(String promiseId, String title, Period period, LocalDate date, Instant knownAt,
                                     boolean closed, ProgressInputs.Inputs inputs) {
        List<CommitmentProgress> progress = inputs.commitments().stream()
                .map(c -> ProgressCalculator.progress(c, inputs.activities(), period, date))
                .toList();
        return new ProgressView(promiseId, true, title, period.from(), period.to(), date, knownAt, closed, progress,
                ProgressCalculator.rollUp(progress, c -> c.owner().name()),
                ProgressCalculator.rollUp(progress, CommitmentProgress::focusArea),
                MunicipalityProgress.rollUps(inputs, period, date), ProgressCalculator.rollUp("ALL", progress), null,
                null);
    }
}
