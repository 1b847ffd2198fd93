package se.medborgarlofte.query.problems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Drift")
class EventProblemController {

    private final EventProblemLog problems;

    EventProblemController(EventProblemLog problems) {
        this.problems = problems;
    }

    @GetMapping("/api/operations/event-problems")
    @Operation(summary = "Händelser av en typ som den här versionen inte känner till och som läsmodellerna därför hoppade över",
            description = "Händelser som inte går att läsa eller som en läsmodell inte kunde tillämpa hoppas inte "
                    + "över: de parkeras med sitt löfte, se /api/operations/dead-letters.")
    List<EventProblemLog.EventProblem> all() {
        return problems.all();
    }
}
