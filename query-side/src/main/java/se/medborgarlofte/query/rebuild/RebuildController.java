package se.medborgarlofte.query.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.security.Problems;

import java.util.List;

/** The operations API for rebuilding read models (ADMIN only): start one, follow its progress. */
@RestController
@RequestMapping("/api/operations/rebuilds")
@Tag(name = "Drift")
class RebuildController {

    private static final String GROUP = "läsmodellen (processing group): promises, activities eller findings";

    private final Rebuilds rebuilds;

    RebuildController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    @Operation(operationId = "rebuilds", summary = "Läsmodellernas generationer och senaste återuppbyggnad",
            description = "Per läsmodell: generationen som läses, och den senaste återuppbyggnadens läge (REBUILDING, "
                          + "SWAPPING, SWAPPED, FAILED) och förlopp (tillämpade händelser, position mot strömmens "
                          + "topp). Bara ADMIN.")
    List<RebuildView> all() {
        return rebuilds.all();
    }

    @GetMapping("/{group}")
    @Operation(operationId = "rebuild", summary = "En läsmodells generation och senaste återuppbyggnad")
    RebuildView one(@Parameter(description = GROUP) @PathVariable String group) {
        return rebuilds.of(group);
    }

    @PostMapping("/{group}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(operationId = "startRebuild", summary = "Bygg om en läsmodell i nya samlingar och byt när den hunnit ikapp",
            description = "Läser händelseströmmen från början och bygger läsmodellen i en ny generation av dess "
                          + "samlingar, medan allmänheten läser den gamla. När den hunnit ikapp byts generationerna "
                          + "(en kort paus för läsmodellens skrivningar, beredskapen förblir UP). 409 om en "
                          + "återuppbyggnad av läsmodellen redan pågår.")
    RebuildView start(@Parameter(description = GROUP) @PathVariable String group) {
        return rebuilds.start(group);
    }

    @ExceptionHandler(RebuildRunningException.class)
    ProblemDetail running(RebuildRunningException e) {
        return Problems.of(HttpStatus.CONFLICT, "rebuild-running", e.getMessage());
    }
}
