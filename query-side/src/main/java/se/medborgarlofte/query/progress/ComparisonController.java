package se.medborgarlofte.query.progress;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.query.progress.ProgressCalculator.Commitment;
import se.medborgarlofte.query.progress.ProgressCalculator.CommitmentProgress;
import se.medborgarlofte.query.progress.ProgressCalculator.Period;
import se.medborgarlofte.query.promise.PromiseDocument;
import se.medborgarlofte.query.promise.PromiseDocument.CommitmentDocument;
import se.medborgarlofte.query.promise.PromiseRepository;
import se.medborgarlofte.query.tally.ActivityTally;
import se.medborgarlofte.query.tally.PromiseTally;
import se.medborgarlofte.query.tally.TallyStore;
import se.medborgarlofte.query.web.NotFoundException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** This period against the one before: each carried commitment's figures beside its previous period's. */
@RestController
@Tag(name = "Framsteg")
class ComparisonController {

    private final PromiseRepository promises;
    private final TallyStore tallies;
    private final Clock clock;

    ComparisonController(PromiseRepository promises, TallyStore tallies, Clock clock) {
        this.promises = promises;
        this.tallies = tallies;
        this.clock = clock;
    }

    /**
     * {@code previousAtSamePoint} is the previous period's progress the same number of days into its period as
     * {@code asOf} is into this one; {@code previousAtEnd} where it ended. Commitments not carried over are left out.
     */
    public record CommitmentComparison(String commitmentId, String title, String previousCommitmentId,
                                       CommitmentProgress current, CommitmentProgress previousAtSamePoint,
                                       CommitmentProgress previousAtEnd) {
    }

    public record Comparison(String promiseId, LocalDate asOf, String previousPromiseId, LocalDate previousAsOf,
                             List<CommitmentComparison> commitments) {
    }

    @GetMapping("/api/promises/{promiseId}/comparison")
    @Operation(summary = "Jämförelse med föregående period för de åtaganden som fördes över vid förnyelsen",
            description = "asOf (ÅÅÅÅ-MM-DD, standard i dag) räknas in i löftets period; föregående period jämförs lika "
                    + "många dagar in i sin period, och vid sitt slut. Ett löfte som inte är förnyat har inga rader.")
    Comparison comparison(@PathVariable String promiseId,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        PromiseDocument promise = promises.findById(promiseId).orElseThrow(() -> NotFoundException.promise(promiseId));
        Period period = new Period(promise.validFrom, promise.validTo);
        LocalDate date = period.clamp(asOf != null ? asOf : LocalDate.now(clock));
        PromiseDocument previous = promise.renewedFrom == null ? null
                : promises.findById(promise.renewedFrom).orElse(null);
        if (previous == null) {
            return new Comparison(promiseId, date, promise.renewedFrom, null, List.of());
        }
        Period previousPeriod = new Period(previous.validFrom, previous.validTo);
        LocalDate previousDate = previousPeriod.clamp(previous.validFrom.plusDays(
                ChronoUnit.DAYS.between(promise.validFrom, date)));
        ActivityTally previousTally = tally(previous);
        ProgressInputs.Inputs now = ProgressInputs.fromReadModels(promise, tally(promise), date);
        ProgressInputs.Inputs thenAtSamePoint = ProgressInputs.fromReadModels(previous, previousTally, previousDate);
        ProgressInputs.Inputs then = ProgressInputs.fromReadModels(previous, previousTally, previousPeriod.to());
        List<CommitmentComparison> rows = new ArrayList<>();
        for (CommitmentDocument carried : promise.commitments) {
            if (carried.withdrawn || carried.carriedFrom == null
                || !carried.carriedFrom.promiseId().equals(previous.promiseId)) {
                continue;
            }
            Commitment current = find(now, carried.commitmentId);
            Commitment before = find(then, carried.carriedFrom.commitmentId());
            Commitment beforeAtSamePoint = find(thenAtSamePoint, carried.carriedFrom.commitmentId());
            if (current == null || before == null || beforeAtSamePoint == null) {
                continue;
            }
            rows.add(new CommitmentComparison(carried.commitmentId, carried.title, before.commitmentId(),
                    ProgressCalculator.progress(current, now.activities(), period, date),
                    ProgressCalculator.progress(beforeAtSamePoint, then.activities(), previousPeriod, previousDate),
                    ProgressCalculator.progress(before, then.activities(), previousPeriod, previousPeriod.to())));
        }
        return new Comparison(promiseId, date, previous.promiseId, previousDate, rows);
    }

    private ActivityTally tally(PromiseDocument promise) {
        return tallies.find(promise.promiseId).map(stored -> stored.tally).orElseGet(ActivityTally::new);
    }

    private static Commitment find(ProgressInputs.Inputs inputs, String commitmentId) {
        return inputs.commitments().stream().filter(c -> c.commitmentId().equals(commitmentId)).findFirst()
                .orElse(null);
    }
}
