package se.medborgarlofte.query.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.query.deadletter.DeadLetterViews.Eviction;
import se.medborgarlofte.query.deadletter.DeadLetterViews.ParkedSequence;
import se.medborgarlofte.query.deadletter.DeadLetterViews.RetryOutcome;

import java.util.List;

/** The operations API for dead letters (ADMIN only): what is parked, retry a promise's events, evict them. */
@RestController
@RequestMapping("/api/operations/dead-letters")
@Tag(name = "Drift")
class DeadLetterController {

    private static final String GROUP = "en läsmodell (processing group): promises, activities, findings; utan: alla";

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(operationId = "deadLetters", summary = "Parkerade händelser (dead letters), per läsmodell och löfte",
            description = "En händelse som en läsmodell inte kan läsa eller tillämpa parkeras, och alla senare händelser "
                          + "i samma löfte parkeras bakom den, medan alla andra löften går vidare. Bara ADMIN.")
    List<ParkedSequence> all(@Parameter(description = GROUP) @RequestParam(required = false) String processingGroup) {
        return deadLetters.all(processingGroup);
    }

    @GetMapping("/{sequence}")
    @Operation(operationId = "deadLettersOf", summary = "Ett löftes parkerade händelser")
    List<ParkedSequence> one(@Parameter(description = "löftets id") @PathVariable String sequence,
                             @Parameter(description = GROUP) @RequestParam(required = false) String processingGroup) {
        return deadLetters.of(sequence, processingGroup);
    }

    @PostMapping("/{sequence}/retry")
    @Operation(operationId = "retryDeadLetters", summary = "Försök igen: tillämpa ett löftes parkerade händelser i ordning",
            description = "Händelserna läses på nytt ur händelselagret (en lagrad händelse som lagats används som den "
                          + "ser ut nu) och tillämpas i ordning tills en misslyckas igen; de tillämpade tas bort ur "
                          + "kön. Svaret säger hur många som tillämpades och varför den första kvarvarande inte gick.")
    List<RetryOutcome> retry(@Parameter(description = "löftets id") @PathVariable String sequence,
                             @Parameter(description = GROUP) @RequestParam(required = false) String processingGroup) {
        return deadLetters.retry(sequence, processingGroup);
    }

    @DeleteMapping("/{sequence}")
    @Operation(operationId = "evictDeadLetters", summary = "Ta bort ett löftes parkerade händelser ur kön; de tillämpas aldrig",
            description = "Med eventIdentifier bara den händelsen; de övriga väntar kvar och tillämpas vid nästa försök.")
    Eviction evict(@Parameter(description = "löftets id") @PathVariable String sequence,
                   @Parameter(description = GROUP) @RequestParam(required = false) String processingGroup,
                   @Parameter(description = "bara denna händelse") @RequestParam(required = false) String eventIdentifier) {
        return deadLetters.evict(sequence, processingGroup, eventIdentifier);
    }
}
