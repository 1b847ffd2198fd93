package se.medborgarlofte.query.history;

import se.medborgarlofte.query.timeline.PromiseState;
import se.medborgarlofte.query.timeline.PromiseTimeline;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.query.web.NotFoundException;
import se.medborgarlofte.query.web.TimeParameters;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Who changed what, when and why: read straight from the event store. */
@RestController
@Tag(name = "Historik")
class HistoryController {

    private final PromiseTimeline timeline;

    HistoryController(PromiseTimeline timeline) {
        this.timeline = timeline;
    }

    @GetMapping("/api/promises/{promiseId}/history")
    @Operation(summary = "Alla ändringar i ett medborgarlöfte, äldst först",
            description = "from/to (ÅÅÅÅ-MM-DD) begränsar till ändringar registrerade de dagarna (svensk tid).")
    List<HistoryEntry> promiseHistory(@PathVariable String promiseId,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        TimeParameters.requireOrdered("from", from, to, from != null && to != null && from.isAfter(to));
        return history(promiseId, recordedBetween(TimeParameters.startOf(from), TimeParameters.endOf(to)));
    }

    @GetMapping("/api/promises/{promiseId}/commitments/{commitmentId}/history")
    @Operation(summary = "Ändringar av ett åtagande och av aktiviteter som räknas till det")
    List<HistoryEntry> commitmentHistory(@PathVariable String promiseId, @PathVariable String commitmentId) {
        List<HistoryEntry> entries = history(promiseId, entry -> concerns(entry, commitmentId));
        if (entries.stream().noneMatch(entry -> entry.subjectType().equals("COMMITMENT"))) {
            throw new NotFoundException("Åtagandet " + commitmentId + " finns inte i medborgarlöftet " + promiseId + ".");
        }
        return entries;
    }

    @GetMapping("/api/promises/{promiseId}/activities/{activityId}/history")
    @Operation(summary = "Ändringar av en aktivitet")
    List<HistoryEntry> activityHistory(@PathVariable String promiseId, @PathVariable String activityId) {
        List<HistoryEntry> entries = history(promiseId,
                entry -> entry.subjectType().equals("ACTIVITY") && entry.subjectId().equals(activityId));
        if (entries.isEmpty()) {
            throw new NotFoundException("Aktiviteten " + activityId + " finns inte i medborgarlöftet " + promiseId + ".");
        }
        return entries;
    }

    /** What changed between two dates, ready for the next BRÅ agenda. */
    public record ChangesView(String promiseId, LocalDate from, LocalDate to, List<HistoryEntry> newActivities,
                              List<HistoryEntry> correctedActivities, List<HistoryEntry> retractedActivities,
                              List<HistoryEntry> commitmentChanges, List<HistoryEntry> promiseChanges) {
    }

    @GetMapping("/api/promises/{promiseId}/changes")
    @Operation(summary = "Vad som ändrats mellan två datum (registrerat from–to, svensk tid)",
            description = "Nya, korrigerade och återkallade aktiviteter och ändrade åtaganden, till nästa BRÅ-möte.")
    ChangesView changes(@PathVariable String promiseId,
                        @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        TimeParameters.requireOrdered("from", from, to, from.isAfter(to));
        List<HistoryEntry> entries = history(promiseId,
                recordedBetween(TimeParameters.startOf(from), TimeParameters.endOf(to)));
        return new ChangesView(promiseId, from, to,
                select(entries, "ACTIVITY_RECORDED"), select(entries, "ACTIVITY_CORRECTED"),
                select(entries, "ACTIVITY_RETRACTED"),
                entries.stream().filter(entry -> entry.subjectType().equals("COMMITMENT")).toList(),
                entries.stream().filter(entry -> entry.subjectType().equals("PROMISE")).toList());
    }

    private List<HistoryEntry> history(String promiseId, Predicate<HistoryEntry> filter) {
        HistoryBuilder builder = new HistoryBuilder();
        List<HistoryEntry> entries = new ArrayList<>();
        boolean exists = timeline.forEach(promiseId, recorded -> {
            HistoryEntry entry = builder.next(recorded);
            if (filter.test(entry)) {
                entries.add(entry);
            }
        });
        if (!exists) {
            throw NotFoundException.promise(promiseId);
        }
        return entries;
    }

    static Predicate<HistoryEntry> recordedBetween(Instant from, Instant toExclusive) {
        return entry -> (from == null || !entry.recordedAt().isBefore(from))
                        && (toExclusive == null || entry.recordedAt().isBefore(toExclusive));
    }

    /** The commitment's own changes, and changes to activities that count for it before or after. */
    private static boolean concerns(HistoryEntry entry, String commitmentId) {
        if (entry.subjectType().equals("COMMITMENT")) {
            return entry.subjectId().equals(commitmentId);
        }
        return entry.commitmentIds() != null && entry.commitmentIds().contains(commitmentId);
    }

    private static List<HistoryEntry> select(List<HistoryEntry> entries, String change) {
        return entries.stream().filter(entry -> entry.change().equals(change)).toList();
    }
}
