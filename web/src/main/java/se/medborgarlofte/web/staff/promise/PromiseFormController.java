package se.medborgarlofte.web.staff.promise;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
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

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * Admins sign a promise ({@code /personal/nytt-lofte}) and amend one ({@code /personal/loften/{id}/andring}: the full
 * new wording and a reason). Others are told they may not (403), as the API would.
 */
@Controller
class PromiseFormController {

    static final Map<String, String> RULE_FIELDS = Map.ofEntries(Map.entry("INVALID_PERIOD", "validTo"),
            Map.entry("DUPLICATE_FOCUS_AREA", "focusAreas"), Map.entry("FOCUS_AREA_IN_USE", "focusAreas"),
            Map.entry("ACTIVITIES_OUTSIDE_PERIOD", "validFrom"), Map.entry("ASSESSMENTS_OUTSIDE_PERIOD", "validFrom"),
            Map.entry("REASON_REQUIRED", "reason"), Map.entry("NOTHING_CHANGED", FormErrors.GENERAL));

    private final StaffApi api;
    private final Messages messages;
    private final Clock clock;

    PromiseFormController(StaffApi api, Messages messages, Clock clock) {
        this.api = api;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/personal/nytt-lofte")
    String signForm(Model model, HttpServletResponse response) {
        return page(model, response, null, PromiseForm.empty(LocalDate.now(clock)), FormErrors.none());
    }

    @PostMapping("/personal/nytt-lofte")
    String sign(@RequestParam MultiValueMap<String, String> fields, Model model, HttpServletResponse response) {
        PromiseForm form = PromiseForm.from(fields);
        CommandAnswer answer = api.post("/api/promises", form.toJson(false));
        if (answer.ok()) {
            return "redirect:/personal/loften/" + answer.body().get("promiseId") + "/rapport";
        }
        response.setStatus(answer.status() == 403 ? 403 : HttpServletResponse.SC_BAD_REQUEST);
        return page(model, response, null, form, FormErrors.from(answer.problem(), "promise", RULE_FIELDS, messages));
    }

    @GetMapping("/personal/loften/{promiseId}/andring")
    String amendForm(@PathVariable String promiseId, Model model, HttpServletResponse response) {
        return page(model, response, promiseId, PromiseForm.of(api.promise(promiseId)), FormErrors.none());
    }

    @PostMapping("/personal/loften/{promiseId}/andring")
    String amend(@PathVariable String promiseId, @RequestParam MultiValueMap<String, String> fields, Model model,
                 HttpServletResponse response) {
        PromiseForm form = PromiseForm.from(fields);
        CommandAnswer answer = api.post("/api/promises/{id}/amendment", form.toJson(true), promiseId);
        if (answer.ok()) {
            return "redirect:/personal/loften/" + promiseId + "/rapport";
        }
        response.setStatus(answer.status() == 403 ? 403 : HttpServletResponse.SC_BAD_REQUEST);
        return page(model, response, promiseId, form, FormErrors.from(answer.problem(), "promise", RULE_FIELDS,
                messages));
    }

    private static String page(Model model, HttpServletResponse response, String promiseId, PromiseForm form,
                               FormErrors errors) {
        CurrentUser user = StaffUser.current();
        model.addAttribute("user", user);
        model.addAttribute("promiseId", promiseId);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        boolean admin = user.role() == Role.ADMIN;
        model.addAttribute("admin", admin);
        if (!admin) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        }
        return "staff/promise-form";
    }
}
