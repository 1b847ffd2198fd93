package se.medborgarlofte.query.finding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.query.finding.FindingViews.FindingView;
import se.medborgarlofte.query.finding.FindingViews.LeadTimeView;
import se.medborgarlofte.query.finding.FindingViews.PublicFindingView;
import se.medborgarlofte.query.promise.PromiseRepository;
import se.medborgarlofte.query.timeline.FindingFold;
import se.medborgarlofte.query.timeline.PromiseState;
import se.medborgarlofte.query.timeline.PromiseTimeline;
import se.medborgarlofte.query.web.NotFoundException;
import se.medborgarlofte.query.web.TimeParameters;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Findings and their åtgärder. Internal: every finding with its text, measures and återkoppling. Public: the
 * published ones in their public wording only ("Ni sa – vi gjorde"), and the lead times as figures. {@code knownAt}
 * answers with what had been recorded by then, folded from the event store.
 */
@RestController
@RequestMapping("/api/promises/{promiseId}/findings")
@Tag(name = "Fynd och åtgärder")
class FindingQueryController {

    private final FindingRepository findings;
    private final PromiseRepository promises;
    private final PromiseTimeline timeline;

    FindingQueryController(FindingRepository findings, PromiseRepository promises, PromiseTimeline timeline) {
        this.findings = findings;
        this.promises = promises;
        this.timeline = timeline;
    }

    @GetMapping
    @Operation(summary = "Fynd i ett medborgarlöfte med åtgärder och återkoppling (internt)",
            description = "open=true: bara öppna fynd (ingen åtgärd planerad, eller en planerad åtgärd som inte är "
                    + "genomförd eller avböjd). knownAt: det som var registrerat vid den tidpunkten.")
    List<FindingView> findings(@PathVariable String promiseId, @RequestParam(required = false) boolean open,
                               @RequestParam(required = false) String knownAt) {
        return folded(promiseId, knownAt).stream()
                .filter(f -> !open || f.status().isOpen())
                .map(FindingView::of).toList();
    }

    @GetMapping("/public")
    @Operation(summary = "Ni sa – vi gjorde: publicerade fynd i sin offentliga lydelse och vad som gjordes",
            description = "Bara fynd som en redaktör har publicerat, och bara den publicerade texten och platsen; "
                    + "aldrig fyndets egen text, anteckningar eller personer.")
    List<PublicFindingView> published(@PathVariable String promiseId, @RequestParam(required = false) String knownAt) {
        return folded(promiseId, knownAt).stream()
                .filter(f -> f.publication != null)
                .map(PublicFindingView::of).toList();
    }

    @GetMapping("/lead-time")
    @Operation(summary = "Ledtid från fynd till åtgärdat: median och 90:e percentil i dagar, antal öppna")
    LeadTimeView leadTime(@PathVariable String promiseId, @RequestParam(required = false) String knownAt) {
        return LeadTimeView.of(promiseId, folded(promiseId, knownAt));
    }

    /** The promise's findings, oldest first: from the read model, or as known at a moment. */
    private List<FindingFold> folded(String promiseId, String knownAt) {
        Instant known = TimeParameters.moment("knownAt", knownAt);
        if (known != null) {
            List<PromiseTimeline.Recorded> events = timeline.events(promiseId);
            if (events.isEmpty()) {
                throw NotFoundException.promise(promiseId);
            }
            PromiseState state = timeline.stateKnownAt(events, known);
            return List.copyOf(state.findings.values());
        }
        if (!promises.existsById(promiseId)) {
            throw NotFoundException.promise(promiseId);
        }
        return findings.findByPromiseId(promiseId).stream()
                .sorted(Comparator.comparing((FindingDocument d) -> d.recordedAt,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .map(d -> d.finding).toList();
    }
}
