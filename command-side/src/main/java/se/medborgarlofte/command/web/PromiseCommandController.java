package se.medborgarlofte.command.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.medborgarlofte.command.promise.Commands.AddCommitment;
import se.medborgarlofte.command.promise.Commands.AmendPromise;
import se.medborgarlofte.command.promise.Commands.AssessCommitment;
import se.medborgarlofte.command.promise.Commands.ClosePromise;
import se.medborgarlofte.command.promise.Commands.CorrectActivity;
import se.medborgarlofte.command.promise.Commands.RecordActivity;
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.Commands.RetractActivity;
import se.medborgarlofte.command.promise.Commands.ReviseCommitment;
import se.medborgarlofte.command.promise.Commands.SignPromise;
import se.medborgarlofte.command.promise.Commands.WithdrawCommitment;
import se.medborgarlofte.command.web.Requests.ActivityRequest;
import se.medborgarlofte.command.web.Requests.AssessmentRequest;
import se.medborgarlofte.command.web.Requests.ClosureRequest;
import se.medborgarlofte.command.web.Requests.CommitmentRequest;
import se.medborgarlofte.command.web.Requests.CorrectionRequest;
import se.medborgarlofte.command.web.Requests.PromiseRequest;
import se.medborgarlofte.command.web.Requests.ReasonRequest;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.PromiseId;

import java.util.Map;
import java.util.UUID;

/** The command API: every write to a promise goes through here. */
@RestController
@RequestMapping("/api/promises")
@Tag(name = "Kommandon", description = "Underteckna, ändra och följa upp medborgarlöften")
class PromiseCommandController {

    private final CommandSender sender;

    PromiseCommandController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    @Operation(summary = "Underteckna ett medborgarlöfte (SignPromise)")
    ResponseEntity<Map<String, String>> sign(@Valid @RequestBody PromiseRequest request, @Parameter(hidden = true) Actor actor) {
        PromiseId promiseId = new PromiseId(givenOrNew(request.promiseId()));
        sender.send(new SignPromise(promiseId, request.toTerms()), actor, request.reason());
        return answer(HttpStatus.CREATED, "promiseId", promiseId.value());
    }

    @PostMapping("/{promiseId}/amendment")
    @Operation(summary = "Ändra ett medborgarlöfte (AmendPromise): hela den nya lydelsen och ett skäl")
    Map<String, String> amend(@PathVariable String promiseId, @Valid @RequestBody PromiseRequest request,
                              @Parameter(hidden = true) Actor actor) {
        sender.send(new AmendPromise(new PromiseId(promiseId), request.toTerms(), request.reason()), actor, request.reason());
        return Map.of("promiseId", promiseId);
    }

    @PostMapping("/{promiseId}/closure")
    @Operation(summary = "Avsluta ett medborgarlöfte (ClosePromise)")
    Map<String, String> close(@PathVariable String promiseId, @Valid @RequestBody ClosureRequest request,
                              @Parameter(hidden = true) Actor actor) {
        sender.send(new ClosePromise(new PromiseId(promiseId), request.closedOn(), request.summary()), actor, null);
        return Map.of("promiseId", promiseId);
    }

    @PostMapping("/{promiseId}/commitments")
    @Operation(summary = "Lägg till ett åtagande (AddCommitment)")
    ResponseEntity<Map<String, String>> addCommitment(@PathVariable String promiseId,
                                                      @Valid @RequestBody CommitmentRequest request,
                                                      @Parameter(hidden = true) Actor actor) {
        CommitmentId commitmentId = new CommitmentId(givenOrNew(request.commitmentId()));
        sender.send(new AddCommitment(new PromiseId(promiseId), commitmentId, request.toTerms()), actor, request.reason());
        return answer(HttpStatus.CREATED, "commitmentId", commitmentId.value());
    }

    @PostMapping("/{promiseId}/commitments/{commitmentId}/revision")
    @Operation(summary = "Revidera ett åtagande (ReviseCommitment): hela den nya lydelsen och ett skäl")
    Map<String, String> reviseCommitment(@PathVariable String promiseId, @PathVariable String commitmentId,
                                         @Valid @RequestBody CommitmentRequest request,
                                         @Parameter(hidden = true) Actor actor) {
        sender.send(new ReviseCommitment(new PromiseId(promiseId), new CommitmentId(commitmentId), request.toTerms(),
                request.reason()), actor, request.reason());
        return Map.of("commitmentId", commitmentId);
    }

    @PostMapping("/{promiseId}/commitments/{commitmentId}/withdrawal")
    @Operation(summary = "Dra tillbaka ett åtagande (WithdrawCommitment)")
    Map<String, String> withdrawCommitment(@PathVariable String promiseId, @PathVariable String commitmentId,
                                           @Valid @RequestBody ReasonRequest request,
                                           @Parameter(hidden = true) Actor actor) {
        sender.send(new WithdrawCommitment(new PromiseId(promiseId), new CommitmentId(commitmentId), request.reason()),
                actor, request.reason());
        return Map.of("commitmentId", commitmentId);
    }

    @PostMapping("/{promiseId}/commitments/{commitmentId}/assessments")
    @Operation(summary = "Bedöm ett åtagande utan numeriskt mål (AssessCommitment)")
    ResponseEntity<Map<String, String>> assessCommitment(@PathVariable String promiseId,
                                                         @PathVariable String commitmentId,
                                                         @Valid @RequestBody AssessmentRequest request,
                                                         @Parameter(hidden = true) Actor actor) {
        sender.send(new AssessCommitment(new PromiseId(promiseId), new CommitmentId(commitmentId),
                request.assessedOn(), request.status(), request.rationale().strip()), actor, null);
        return answer(HttpStatus.CREATED, "commitmentId", commitmentId);
    }

    @PostMapping("/{promiseId}/activities")
    @Operation(summary = "Registrera en aktivitet (RecordActivity)",
            description = "activityId väljs av klienten. Samma begäran igen ger 200 och lägger inte till något; "
                    + "samma id med annat innehåll ger 409.")
    ResponseEntity<Map<String, String>> recordActivity(@PathVariable String promiseId,
                                                       @Valid @RequestBody ActivityRequest request,
                                                       @Parameter(hidden = true) Actor actor) {
        RecordingResult result = sender.send(new RecordActivity(new PromiseId(promiseId),
                new ActivityId(request.activityId()), request.toDetails(), request.isExample()), actor, request.reason());
        HttpStatus status = result == RecordingResult.RECORDED ? HttpStatus.CREATED : HttpStatus.OK;
        return answer(status, "activityId", request.activityId());
    }

    @PostMapping("/{promiseId}/activities/{activityId}/correction")
    @Operation(summary = "Korrigera en aktivitet (CorrectActivity): de ändrade fälten och ett skäl")
    Map<String, String> correctActivity(@PathVariable String promiseId, @PathVariable String activityId,
                                        @Valid @RequestBody CorrectionRequest request,
                                        @Parameter(hidden = true) Actor actor) {
        sender.send(new CorrectActivity(new PromiseId(promiseId), new ActivityId(activityId), request.toChanges(),
                request.reason()), actor, request.reason());
        return Map.of("activityId", activityId);
    }

    @PostMapping("/{promiseId}/activities/{activityId}/retraction")
    @Operation(summary = "Återkalla en aktivitet (RetractActivity)")
    Map<String, String> retractActivity(@PathVariable String promiseId, @PathVariable String activityId,
                                        @Valid @RequestBody ReasonRequest request,
                                        @Parameter(hidden = true) Actor actor) {
        sender.send(new RetractActivity(new PromiseId(promiseId), new ActivityId(activityId), request.reason()),
                actor, request.reason());
        return Map.of("activityId", activityId);
    }

    /** The id the client chose, or a new one. */
    static String givenOrNew(String id) {
        return id != null ? id : UUID.randomUUID().toString();
    }

    static ResponseEntity<Map<String, String>> answer(HttpStatus status, String name, String id) {
        return ResponseEntity.status(status).body(Map.of(name, id));
    }
}
