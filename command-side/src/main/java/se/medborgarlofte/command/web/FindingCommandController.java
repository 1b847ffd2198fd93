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
import se.medborgarlofte.command.promise.Commands.RecordingResult;
import se.medborgarlofte.command.promise.Commands.RenewPromise;
import se.medborgarlofte.command.promise.FindingCommands.CompleteMeasure;
import se.medborgarlofte.command.promise.FindingCommands.DeclineMeasure;
import se.medborgarlofte.command.promise.FindingCommands.PlanMeasure;
import se.medborgarlofte.command.promise.FindingCommands.PublishFinding;
import se.medborgarlofte.command.promise.FindingCommands.RecordFinding;
import se.medborgarlofte.command.promise.FindingCommands.ReportBack;
import se.medborgarlofte.command.promise.FindingCommands.UnpublishFinding;
import se.medborgarlofte.command.web.FindingRequests.CarryRequest;
import se.medborgarlofte.command.web.FindingRequests.CompletionRequest;
import se.medborgarlofte.command.web.FindingRequests.FindingRequest;
import se.medborgarlofte.command.web.FindingRequests.MeasureRequest;
import se.medborgarlofte.command.web.FindingRequests.PublicationRequest;
import se.medborgarlofte.command.web.FindingRequests.RenewalRequest;
import se.medborgarlofte.command.web.FindingRequests.ReportBackRequest;
import se.medborgarlofte.command.web.Requests.ReasonRequest;
import se.medborgarlofte.events.FindingId;
import se.medborgarlofte.events.MeasureId;
import se.medborgarlofte.events.PromiseId;

import java.util.Map;

import static se.medborgarlofte.command.web.PromiseCommandController.answer;
import static se.medborgarlofte.command.web.PromiseCommandController.givenOrNew;

/** The command API for findings and their åtgärder, and for renewing a promise. */
@RestController
@RequestMapping("/api/promises/{promiseId}")
@Tag(name = "Fynd och åtgärder", description = "Fynd från trygghetsvandringar och lägesbilder, åtgärder, "
        + "återkoppling och publicering; förnyelse av ett medborgarlöfte")
class FindingCommandController {

    private final CommandSender sender;

    FindingCommandController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping("/findings")
    @Operation(summary = "Registrera ett fynd från en aktivitet (RecordFinding)",
            description = "findingId väljs av klienten; samma begäran igen ger 200 och lägger inte till något. "
                    + "Fyndets text och plats är interna: allmänheten ser bara en publicerad lydelse.")
    ResponseEntity<Map<String, String>> recordFinding(@PathVariable String promiseId,
                                                      @Valid @RequestBody FindingRequest request,
                                                      @Parameter(hidden = true) Actor actor) {
        RecordingResult result = sender.send(new RecordFinding(new PromiseId(promiseId),
                new FindingId(request.findingId()), request.toDetails()), actor, null);
        return answer(status(result), "findingId", request.findingId());
    }

    @PostMapping("/findings/{findingId}/measures")
    @Operation(summary = "Planera en åtgärd för ett fynd (PlanMeasure)",
            description = "measureId väljs av klienten; samma begäran igen ger 200 och lägger inte till något.")
    ResponseEntity<Map<String, String>> planMeasure(@PathVariable String promiseId, @PathVariable String findingId,
                                                    @Valid @RequestBody MeasureRequest request,
                                                    @Parameter(hidden = true) Actor actor) {
        RecordingResult result = sender.send(new PlanMeasure(new PromiseId(promiseId), new FindingId(findingId),
                new MeasureId(request.measureId()), request.toPlan()), actor, null);
        return answer(status(result), "measureId", request.measureId());
    }

    @PostMapping("/findings/{findingId}/measures/{measureId}/completion")
    @Operation(summary = "Markera en åtgärd som genomförd (CompleteMeasure): när och vad som gjordes")
    Map<String, String> completeMeasure(@PathVariable String promiseId, @PathVariable String findingId,
                                        @PathVariable String measureId, @Valid @RequestBody CompletionRequest request,
                                        @Parameter(hidden = true) Actor actor) {
        sender.send(new CompleteMeasure(new PromiseId(promiseId), new FindingId(findingId), new MeasureId(measureId),
                request.doneOn(), request.whatWasDone().strip()), actor, null);
        return Map.of("measureId", measureId);
    }

    @PostMapping("/findings/{findingId}/measures/{measureId}/declination")
    @Operation(summary = "Avböj en åtgärd (DeclineMeasure), med skäl")
    Map<String, String> declineMeasure(@PathVariable String promiseId, @PathVariable String findingId,
                                       @PathVariable String measureId, @Valid @RequestBody ReasonRequest request,
                                       @Parameter(hidden = true) Actor actor) {
        sender.send(new DeclineMeasure(new PromiseId(promiseId), new FindingId(findingId), new MeasureId(measureId),
                request.reason()), actor, request.reason());
        return Map.of("measureId", measureId);
    }

    @PostMapping("/findings/{findingId}/report-backs")
    @Operation(summary = "Registrera återkoppling till de boende om ett fynd (ReportBack): när och hur")
    ResponseEntity<Map<String, String>> reportBack(@PathVariable String promiseId, @PathVariable String findingId,
                                                   @Valid @RequestBody ReportBackRequest request,
                                                   @Parameter(hidden = true) Actor actor) {
        sender.send(new ReportBack(new PromiseId(promiseId), new FindingId(findingId), request.reportedOn(),
                request.how().strip()), actor, null);
        return answer(HttpStatus.CREATED, "findingId", findingId);
    }

    @PostMapping("/findings/{findingId}/publication")
    @Operation(summary = "Publicera ett fynds offentliga lydelse (PublishFinding)",
            description = "Det enda allmänheten ser av fyndet (\"Ni sa – vi gjorde\"): publicText, en grov "
                    + "publicPlace (t.ex. \"Centrum\") och publicAction (vad som gjordes). En ny publicering ersätter den förra.")
    Map<String, String> publish(@PathVariable String promiseId, @PathVariable String findingId,
                                @Valid @RequestBody PublicationRequest request, @Parameter(hidden = true) Actor actor) {
        sender.send(new PublishFinding(new PromiseId(promiseId), new FindingId(findingId), request.publicText().strip(),
                request.publicPlace().strip(), request.publicAction() == null ? "" : request.publicAction().strip()),
                actor, null);
        return Map.of("findingId", findingId);
    }

    @PostMapping("/findings/{findingId}/publication/withdrawal")
    @Operation(summary = "Ta bort ett fynds offentliga lydelse (UnpublishFinding), med skäl")
    Map<String, String> unpublish(@PathVariable String promiseId, @PathVariable String findingId,
                                  @Valid @RequestBody ReasonRequest request, @Parameter(hidden = true) Actor actor) {
        sender.send(new UnpublishFinding(new PromiseId(promiseId), new FindingId(findingId), request.reason()),
                actor, request.reason());
        return Map.of("findingId", findingId);
    }

    @PostMapping("/renewal")
    @Operation(summary = "Förnya ett medborgarlöfte för nästa period (RenewPromise)",
            description = "promise: det nya löftets hela lydelse (som vid undertecknande, med eget promiseId); "
                    + "commitments: åtagandena som förs över, vart och ett oförändrat eller med revised (hela nya "
                    + "lydelsen). Bara det nya löftet registrerar varifrån det kom; det tidigare ändras inte.")
    ResponseEntity<Map<String, String>> renew(@PathVariable String promiseId, @Valid @RequestBody RenewalRequest request,
                                              @Parameter(hidden = true) Actor actor) {
        PromiseId renewed = new PromiseId(givenOrNew(request.promise().promiseId()));
        sender.send(new RenewPromise(new PromiseId(promiseId), renewed, request.promise().toTerms(),
                request.commitments().stream().map(CarryRequest::toCarried).toList()), actor, request.promise().reason());
        return answer(HttpStatus.CREATED, "promiseId", renewed.value());
    }

    private static HttpStatus status(RecordingResult result) {
        return result == RecordingResult.RECORDED ? HttpStatus.CREATED : HttpStatus.OK;
    }
}
