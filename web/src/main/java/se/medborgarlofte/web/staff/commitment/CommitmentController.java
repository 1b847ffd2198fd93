package se.medborgarlofte.web.staff.commitment;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import se.medborgarlofte.web.api.PromiseNotFoundException;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.staff.api.CommandAnswer;
import se.medborgarlofte.web.staff.api.FormErrors;
import se.medborgarlofte.web.staff.api.StaffApi;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.time.Duration;
import java.util.Map;

/**
 * A commitment's page ({@code /personal/loften/{promiseId}/atagande/{commitmentId}}): its wording and assessments;
 * an assessment form for a commitment without a target; revise and withdraw forms; and the form that adds a
 * commitment ({@code /personal/loften/{promiseId}/nytt-atagande}). Each is offered only to whoever the API lets do it.
 */
@Controller
class CommitmentController {

    static final String PATH = "/personal/loften/{promiseId}/atagande/{commitmentId}";
    static final String NEW = "/personal/loften/{promiseId}/nytt-atagande";
    static final Map<String, String> RULE_FIELDS = Map.ofEntries(
            Map.entry("OUTSIDE_PERIOD", "assessedOn"), Map.entry("IN_FUTURE", "assessedOn"),
            Map.entry("REASON_REQUIRED", "reason"), Map.entry("UNKNOWN_FOCUS_AREA", "focusArea"),
            Map.entry("TARGET_NOT_POSITIVE", "target"), Map.entry("NO_COUNTED_KINDS", "countedKinds"),
            Map.entry("WRONG_SIDE", "owner"));

    private final StaffApi api;
    private final CommitmentPages pages;
    private final Messages messages;

    CommitmentController(StaffApi api, CommitmentPages pages, Messages messages) {
        this.api = api;
        this.pages = pages;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String page(@PathVariable String promiseId, @PathVariable String commitmentId,
                @RequestParam(name = "andrad", required = false) String changed,
                @RequestParam(name = "position", defaultValue = "-1") String position, Model model) {
        boolean caughtUp = changed == null || api.awaitReadPosition(position.matches("\\d{1,18}")
                ? Long.parseLong(position) : -1, Duration.ofSeconds(3));
        StaffViews.Promise promise = api.promise(promiseId);
        StaffViews.Commitment commitment = commitment(promise, commitmentId);
        model.addAttribute("changed", changed != null);
        model.addAttribute("updating", !caughtUp);
        return pages.commitment(model, StaffUser.current(), promise, commitment, pages.fresh(promise, commitment));
    }

    @PostMapping(PATH + "/bedomning")
    String assess(@PathVariable String promiseId, @PathVariable String commitmentId,
                  @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        String assessedOn = value(form, "assessedOn");
        String status = value(form, "status");
        String rationale = value(form, "rationale");
        CommandAnswer answer = api.post("/api/promises/{id}/commitments/{cid}/assessments", Map.of(
                "assessedOn", assessedOn, "status", status, "rationale", rationale), promiseId, commitmentId);
        return answered(promiseId, commitmentId, answer, model, response, (fresh, errors) -> new CommitmentPages.Forms(
                assessedOn, status, rationale, errors, fresh.revision(), FormErrors.none(), "", FormErrors.none()));
    }

    @PostMapping(PATH + "/revidering")
    String revise(@PathVariable String promiseId, @PathVariable String commitmentId,
                  @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        CommitmentForm revision = CommitmentForm.from(form);
        CommandAnswer answer = api.post("/api/promises/{id}/commitments/{cid}/revision", revision.toJson(true),
                promiseId, commitmentId);
        return answered(promiseId, commitmentId, answer, model, response, (fresh, errors) -> new CommitmentPages.Forms(
                fresh.assessedOn(), "", "", FormErrors.none(), revision, errors, "", FormErrors.none()));
    }

    @PostMapping(PATH + "/tillbakadragande")
    String withdraw(@PathVariable String promiseId, @PathVariable String commitmentId,
                    @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        CommandAnswer answer = api.post("/api/promises/{id}/commitments/{cid}/withdrawal", Map.of("reason", reason),
                promiseId, commitmentId);
        return answered(promiseId, commitmentId, answer, model, response, (fresh, errors) -> new CommitmentPages.Forms(
                fresh.assessedOn(), "", "", FormErrors.none(), fresh.revision(), FormErrors.none(), reason, errors));
    }

    @GetMapping(NEW)
    String newForm(@PathVariable String promiseId, Model model) {
        StaffViews.Promise promise = api.promise(promiseId);
        var owners = pages.owners(StaffUser.current(), promise);
        return pages.newCommitment(model, StaffUser.current(), promise,
                CommitmentForm.empty(owners.isEmpty() ? "" : owners.get(0).value()), FormErrors.none());
    }

    @PostMapping(NEW)
    String add(@PathVariable String promiseId, @RequestParam MultiValueMap<String, String> form, Model model,
               HttpServletResponse response) {
        CommitmentForm commitment = CommitmentForm.from(form);
        CommandAnswer answer = api.post("/api/promises/{id}/commitments", commitment.toJson(false), promiseId);
        if (answer.ok()) {
            return "redirect:" + UriComponentsBuilder.fromPath(PATH).queryParam("andrad", 1)
                    .queryParam("position", answer.position())
                    .buildAndExpand(promiseId, String.valueOf(answer.body().get("commitmentId"))).encode().toUriString();
        }
        response.setStatus(answer.status() == 403 ? 403 : HttpServletResponse.SC_BAD_REQUEST);
        return pages.newCommitment(model, StaffUser.current(), api.promise(promiseId), commitment,
                FormErrors.from(answer.problem(), "commitment", RULE_FIELDS, messages));
    }

    private String answered(String promiseId, String commitmentId, CommandAnswer answer, Model model,
                            HttpServletResponse response,
                            java.util.function.BiFunction<CommitmentPages.Forms, FormErrors, CommitmentPages.Forms> kept) {
        if (answer.ok()) {
            return "redirect:" + UriComponentsBuilder.fromPath(PATH).queryParam("andrad", 1)
                    .queryParam("position", answer.position()).buildAndExpand(promiseId, commitmentId).encode()
                    .toUriString();
        }
        response.setStatus(answer.status() == 403 ? 403 : HttpServletResponse.SC_BAD_REQUEST);
        StaffViews.Promise promise = api.promise(promiseId);
        StaffViews.Commitment commitment = commitment(promise, commitmentId);
        FormErrors errors = FormErrors.from(answer.problem(), "commitment", RULE_FIELDS, messages);
        model.addAttribute("changed", false);
        model.addAttribute("updating", false);
        return pages.commitment(model, StaffUser.current(), promise, commitment,
                kept.apply(pages.fresh(promise, commitment), errors));
    }

    private static StaffViews.Commitment commitment(StaffViews.Promise promise, String commitmentId) {
        return promise.commitments().stream().filter(c -> c.commitmentId().equals(commitmentId)).findFirst()
                .orElseThrow(() -> new PromiseNotFoundException(promise.promiseId() + "/" + commitmentId));
    }

    private static String value(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.strip();
    }
}
