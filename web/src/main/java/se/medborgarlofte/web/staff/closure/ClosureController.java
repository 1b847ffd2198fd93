package se.medborgarlofte.web.staff.closure;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.medborgarlofte.security.CurrentUser;
import se.medborgarlofte.security.Role;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.staff.api.CommandAnswer;
import se.medborgarlofte.web.staff.api.FormErrors;
import se.medborgarlofte.web.staff.api.StaffApi;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admins close a promise at the end of its year ({@code /personal/loften/{id}/avslut}): the day it closed and a
 * summary of what was done, for the public page and the last BRÅ report. Others are told they may not (403), as the
 * API would; a closed promise is said to be closed, with no form.
 */
@Controller
class ClosureController {

    static final Map<String, String> RULE_FIELDS = Map.of("CLOSED_BEFORE_START", "closedOn", "IN_FUTURE", "closedOn",
            "PROMISE_CLOSED", FormErrors.GENERAL);

    private final StaffApi api;
    private final Messages messages;
    private final Clock clock;

    ClosureController(StaffApi api, Messages messages, Clock clock) {
        this.api = api;
        this.messages = messages;
        this.clock = clock;
    }

    /** What the form holds: the date as typed (it may not be a date) and the summary. */
    record ClosureForm(String closedOn, String summary) {
    }

    @GetMapping("/personal/loften/{promiseId}/avslut")
    String form(@PathVariable String promiseId, Model model, HttpServletResponse response) {
        StaffViews.Promise promise = api.promise(promiseId);
        LocalDate today = LocalDate.now(clock);
        LocalDate suggested = today.isAfter(promise.validTo()) ? promise.validTo() : today;
        return page(model, response, promise, new ClosureForm(suggested.toString(), ""), FormErrors.none());
    }

    @PostMapping("/personal/loften/{promiseId}/avslut")
    String close(@PathVariable String promiseId, @RequestParam(defaultValue = "") String closedOn,
                 @RequestParam(defaultValue = "") String summary, Model model, HttpServletResponse response) {
        ClosureForm form = new ClosureForm(closedOn.strip(), summary.strip());
        if (!isDate(form.closedOn())) {
            FormErrors errors = FormErrors.none();
            errors.add("closedOn", messages.get("closure.error.closedOn"));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, response, api.promise(promiseId), form, errors);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("closedOn", form.closedOn());
        body.put("summary", form.summary().isEmpty() ? null : form.summary());
        CommandAnswer answer = api.post("/api/promises/{id}/closure", body, promiseId);
        if (answer.ok()) {
            return "redirect:/personal/loften/" + promiseId + "/rapport";
        }
        response.setStatus(answer.status() == 403 ? 403 : HttpServletResponse.SC_BAD_REQUEST);
        return page(model, response, api.promise(promiseId), form,
                FormErrors.from(answer.problem(), "closure", RULE_FIELDS, messages));
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String page(Model model, HttpServletResponse response, StaffViews.Promise promise,
                               ClosureForm form, FormErrors errors) {
        CurrentUser user = StaffUser.current();
        boolean admin = user.role() == Role.ADMIN;
        model.addAttribute("user", user);
        model.addAttribute("promise", promise);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("admin", admin);
        if (!admin) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        }
        return "staff/closure";
    }
}
