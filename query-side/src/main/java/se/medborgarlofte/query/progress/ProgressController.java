package se.medborgarlofte.query.progress;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.query.activity.ActivityLog;
import se.medborgarlofte.query.progress.ProgressCalculator.Activity;
import se.medborgarlofte.query.progress.ProgressCalculator.Assessment;
import se.medborgarlofte.query.progress.ProgressCalculator.Commitment;
import se.medborgarlofte.query.progress.ProgressCalculator.CommitmentProgress;
import se.medborgarlofte.query.progress.ProgressCalculator.Period;
import se.medborgarlofte.query.progress.ProgressCalculator.RollUp;
import se.medborgarlofte.query.promise.PromiseDocument;
import se.medborgarlofte.query.promise.PromiseDocument.CommitmentDocument;
import se.medborgarlofte.query.promise.PromiseRepository;
import se.medborgarlofte.query.web.NotFoundException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

@RestController
@Tag(name = "Framsteg")
class ProgressController {

    private final PromiseRepository promises;
    private final ActivityLog activityLog;
    private final Clock clock;

    ProgressController(PromiseRepository promises, ActivityLog activityLog, Clock clock) {
        this.promises = promises;
        this.activityLog = activityLog;
        this.clock = clock;
    }

    public record ProgressView(String promiseId, String title, LocalDate validFrom, LocalDate validTo, LocalDate asOf,
                               boolean closed, List<CommitmentProgress> commitments, List<RollUp> byOwner,
                               List<RollUp> byFocusArea, RollUp total) {
    }

    @GetMapping("/api/promises/{promiseId}/progress")
    @Operation(summary = "Framsteg per åtagande vid ett datum",
            description = "asOf (ÅÅÅÅ-MM-DD, standard i dag) räknas in i löftets period. Tillbakadragna åtaganden ingår inte.")
    ProgressView progress(@PathVariable String promiseId,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        PromiseDocument promise = promises.findById(promiseId).orElseThrow(() -> NotFoundException.promise(promiseId));
        Period period = new Period(promise.validFrom, promise.validTo);
        LocalDate date = period.clamp(asOf != null ? asOf : LocalDate.now(clock));
        List<Activity> activities = activityLog.find(promiseId, ActivityLog.Filter.counting()).stream()
                .map(a -> new Activity(a.kind, a.occurredOn, a.commitmentIds)).toList();
        List<CommitmentProgress> progress = promise.commitments.stream()
                .filter(c -> !c.withdrawn)
                .map(c -> ProgressCalculator.progress(commitment(c, date), activities, period, date))
                .toList();
        return new ProgressView(promise.promiseId, promise.title, promise.validFrom, promise.validTo, date,
                promise.closed, progress,
                ProgressCalculator.rollUp(progress, c -> c.owner().name()),
                ProgressCalculator.rollUp(progress, CommitmentProgress::focusArea),
                ProgressCalculator.rollUp("ALL", progress));
    }

    private static Commitment commitment(CommitmentDocument c, LocalDate asOf) {
        Assessment latest = c.assessments.stream()
                .filter(a -> !a.assessedOn().isAfter(asOf))
                .max(Comparator.comparing(PromiseDocument.Assessment::assessedOn)
                        .thenComparing(PromiseDocument.Assessment::recordedAt))
                .map(a -> new Assessment(a.assessedOn(), a.status(), a.rationale()))
                .orElse(null);
        return new Commitment(c.commitmentId, c.title, c.owner, c.focusArea, c.countedKinds, c.target, latest);
    }
}
