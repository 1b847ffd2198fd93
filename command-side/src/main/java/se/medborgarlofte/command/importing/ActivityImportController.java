package se.medborgarlofte.command.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.web.Actor;
import se.medborgarlofte.command.web.Requests.ActivityRequest;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.security.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/promises/{id}/activities/import}: a CSV file of activities ({@code text/csv}, at most 5 MB: the
 * one exception to the JSON-only, 64 KB rule of the other commands). {@code dryRun=true} (the default) checks every
 * row against the promise's rules and writes nothing; {@code dryRun=false} records the valid rows, idempotently.
 */
@RestController
@Tag(name = "Kommandon")
class ActivityImportController {

    static final long MAX_BYTES = 5L * 1024 * 1024;
    static final String PATH = "/api/promises/{promiseId}/activities/import";

    private final ImportRunner runner;
    private final RowReader reader;

    ActivityImportController(ImportRunner runner, Validator validator) {
        this.runner = runner;
        this.reader = new RowReader(validator);
    }

    @PostMapping(path = PATH, consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @Operation(summary = "Importera aktiviteter från en CSV-fil (först en provkörning: dryRun=true)")
    ResponseEntity<Object> importCsv(@PathVariable String promiseId,
                                     @RequestParam(defaultValue = "true") boolean dryRun,
                                     HttpServletRequest request, @Parameter(hidden = true) Actor actor)
            throws IOException {
        byte[] bytes = read(request.getInputStream());
        if (bytes == null) {
            return problem(Problems.tooLarge(MAX_BYTES));
        }
        ImportFile file = ImportFile.parse(bytes);
        List<ImportReport.RowResult> results = new ArrayList<>();
        List<RecordActivity> commands = new ArrayList<>();
        List<Integer> commandRows = new ArrayList<>();
        Map<ActivityRequest, List<Integer>> sameContent = new HashMap<>();
        for (ImportFile.Row row : file.rows()) {
            RowReader.Read read = reader.read(row, file.digest());
            if (!read.ok()) {
                results.add(new ImportReport.RowResult(row.number(), null, ImportReport.Status.INVALID, read.field(),
                        null, read.message(), List.of()));
                continue;
            }
            ActivityRequest r = read.request();
            sameContent.computeIfAbsent(withoutId(r), k -> new ArrayList<>()).add(row.number());
            commands.add(new RecordActivity(new PromiseId(promiseId), new ActivityId(r.activityId()), r.toDetails(), false));
            commandRows.add(row.number());
            results.add(null);
        }
        List<ImportRunner.Outcome> outcomes = runner.run(promiseId, commands,
                actor.toMetaData("Import av CSV-fil " + file.digest().substring(0, 12)), dryRun);
        return ResponseEntity.ok(ImportReport.of(dryRun,
                ImportResults.merge(results, commands, commandRows, outcomes, sameContent)));
    }

    private static ActivityRequest withoutId(ActivityRequest r) {
        return new ActivityRequest("", r.kind(), r.occurredOn(), r.place().strip(), r.performedBy(), r.commitmentIds(),
                r.participants(), r.outcomes(), r.notes(), r.municipality(), r.publicPlace(), r.causedBy(), r.completes(),
                null, null);
    }

    /** The body, or null when it is larger than {@link #MAX_BYTES}. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        return bytes.length > MAX_BYTES ? null : bytes;
    }

    @ExceptionHandler(ImportFile.Unreadable.class)
    ResponseEntity<Object> unreadable(ImportFile.Unreadable e) {
        return problem(Problems.invalid("unreadable-file", e.field, e.getMessage(), e.getMessage()));
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.valueOf(problem.getStatus()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
