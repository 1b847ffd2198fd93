package se.medborgarlofte.web.staff.record;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.staff.api.CommandAnswer;
import se.medborgarlofte.web.staff.api.FormErrors;
import se.medborgarlofte.web.staff.api.StaffApi;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /personal/loften/{promiseId}/registrera}: first the kind (large buttons, one thumb), then the form for that
 * kind. The server puts a fresh {@code activityId} in the form, so a double tap or a resend records once; the API's
 * answer decides, and its problems come back next to the fields with the input kept. A saved record goes on to its
 * receipt.
 */
@Controller
class RecordController {

    /** Which form field each broken rule of RecordActivity concerns. */
    static final Map<String, String> RULE_FIELDS = Map.ofEntries(
            Map.entry("OUTSIDE_PERIOD", "occurredOn"), Map.entry("IN_FUTURE", "occurredOn"),
            Map.entry("NO_COMMITMENTS", "commitmentIds"), Map.entry("DUPLICATE_LINK", "commitmentIds"),
            Map.entry("UNKNOWN_COMMITMENT", "commitmentIds"), Map.entry("COMMITMENT_WITHDRAWN", "commitmentIds"),
            Map.entry("KIND_NOT_COUNTED", "commitmentIds"), Map.entry("PERFORMER_MISMATCH", "performedBy"),
            Map.entry("WRONG_SIDE", "performedBy"));

    private final StaffApi api;
    private final RecordPages pages;
    private final Messages messages;
    private final Clock clock;

    RecordController(StaffApi api, RecordPages pages, Messages messages, Clock clock) {
        this.api = api;
        this.pages = pages;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/personal/loften/{promiseId}/registrera")
    String form(@PathVariable String promiseId, @RequestParam(required = false) String kind, Model model,
                HttpServletResponse response) {
        StaffViews.Promise promise = api.promise(promiseId);
        RecordPages.Choice choice = pages.choice(StaffUser.current(), promise);
        if (!choice.mayRecord()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return pages.notAllowed(model, choice);
        }
        if (!choice.kinds().contains(kind)) {
            return pages.kinds(model, choice);
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate defaultDate = today.isAfter(promise.validTo()) ? promise.validTo() : today;
        List<String> fitting = choice.commitmentsFor(kind).stream().map(StaffViews.Commitment::commitmentId).toList();
        RecordForm form = new RecordForm(UUID.randomUUID().toString(), kind, defaultDate.toString(), "",
                choice.ownSide().name(), fitting.size() == 1 ? fitting : List.of(), Map.of(), "", "");
        return pages.form(model, choice, form, FormErrors.none());
    }

    @PostMapping("/personal/loften/{promiseId}/registrera")
    String record(@PathVariable String promiseId, @RequestParam MultiValueMap<String, String> fields, Model model,
                  HttpServletResponse response) {
        StaffViews.Promise promise = api.promise(promiseId);
        RecordPages.Choice choice = pages.choice(StaffUser.current(), promise);
        RecordForm form = RecordForm.from(fields);
        if (!choice.mayRecord() || !choice.kinds().contains(form.kind())) {
            return form(promiseId, null, model, response);
        }
        CommandAnswer answer = api.post("/api/promises/{id}/activities", form.toJson(), promiseId);
        if (answer.ok()) {
            return "redirect:" + UriComponentsBuilder.fromPath("/personal/loften/{id}/kvitto")
                    .queryParam("aktivitet", form.activityId()).queryParam("position", answer.position())
                    .buildAndExpand(promiseId).encode().toUriString();
        }
        FormErrors errors = FormErrors.from(answer.problem(), "record", RULE_FIELDS, messages);
        if ("ACTIVITY_ID_REUSED".equals(answer.problem().rule())) {
            form = form.withActivityId(UUID.randomUUID().toString());
            errors = FormErrors.none();
            errors.add(FormErrors.GENERAL, messages.get("record.error.alreadySaved"));
        }
        response.setStatus(answer.status() == 403 ? 403 : HttpServletResponse.SC_BAD_REQUEST);
        return pages.form(model, choice, form, errors);
    }
}
