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
import se.medborgarlofte.web.api.PromiseNotFoundException;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.staff.api.CommandAnswer;
import se.medborgarlofte.web.staff.api.FormErrors;
import se.medborgarlofte.web.staff.api.StaffApi;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code /personal/loften/{promiseId}/aktiviteter/{activityId}}: one activity as recorded, and, for whoever may act
 * for its performer, a correction form (the changed fields and a reason) and a retraction form (a reason).
 */
@Controller
class ActivityController {

    static final String PATH = "/personal/loften/{promiseId}/aktiviteter/{activityId}";
    private static final Map<String, String> RULE_FIELDS = rules();

    private final StaffApi api;
    private final RecordPages pages;
    private final Messages messages;

    ActivityController(StaffApi api, RecordPages pages, Messages messages) {
        this.api = api;
        this.pages = pages;
        this.messages = messages;
    }

    private static Map<String, String> rules() {
        Map<String, String> rules = new HashMap<>(RecordController.RULE_FIELDS);
        rules.put("REASON_REQUIRED", "reason");
        return Map.copyOf(rules);
    }

    @GetMapping(PATH)
    String page(@PathVariable String promiseId, @PathVariable String activityId,
                @RequestParam(name = "andrad", required = false) String changed,
                @RequestParam(name = "position", defaultValue = "-1") String position, Model model) {
        boolean caughtUp = changed == null || api.awaitReadPosition(ReceiptController.parse(position),
                ReceiptController.WAIT);
        Context context = context(promiseId, activityId);
        model.addAttribute("changed", changed != null);
        model.addAttribute("updating", !caughtUp);
        return pages.activity(model, context.choice(), context.activity(), CorrectionForm.of(context.activity()),
                FormErrors.none(), FormErrors.none());
    }

    @PostMapping(PATH + "/rattelse")
    String correct(@PathVariable String promiseId, @PathVariable String activityId,
                   @RequestParam MultiValueMap<String, String> fields, Model model, HttpServletResponse response) {
        Context context = context(promiseId, activityId);
        CorrectionForm form = CorrectionForm.from(fields, context.activity());
        CommandAnswer answer = api.post("/api/promises/{id}/activities/{aid}/correction",
                form.changesFrom(context.activity()), promiseId, activityId);
        if (answer.ok()) {
            return changed(promiseId, activityId, answer);
        }
        response.setStatus(answer.status() == 403 ? 403 : HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("changed", false);
        model.addAttribute("updating", false);
        return pages.activity(model, context.choice(), context.activity(), form,
                FormErrors.from(answer.problem(), "record", RULE_FIELDS, messages), FormErrors.none());
    }

    @PostMapping(PATH + "/aterkallelse")
    String retract(@PathVariable String promiseId, @PathVariable String activityId,
                   @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        Context context = context(promiseId, activityId);
        CommandAnswer answer = api.post("/api/promises/{id}/activities/{aid}/retraction", Map.of("reason", reason),
                promiseId, activityId);
        if (answer.ok()) {
            return changed(promiseId, activityId, answer);
        }
        response.setStatus(answer.status() == 403 ? 403 : HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("changed", false);
        model.addAttribute("updating", false);
        model.addAttribute("retractReason", reason);
        return pages.activity(model, context.choice(), context.activity(), CorrectionForm.of(context.activity()),
                FormErrors.none(), FormErrors.from(answer.problem(), "record", RULE_FIELDS, messages));
    }

    private record Context(RecordPages.Choice choice, StaffViews.Activity activity) {
    }

    private Context context(String promiseId, String activityId) {
        StaffViews.Promise promise = api.promise(promiseId);
        StaffViews.Activity activity = api.activities(promiseId).stream()
                .filter(a -> a.activityId().equals(activityId)).findFirst()
                .orElseThrow(() -> new PromiseNotFoundException(promiseId + "/" + activityId));
        return new Context(pages.choice(StaffUser.current(), promise), activity);
    }

    private static String changed(String promiseId, String activityId, CommandAnswer answer) {
        return "redirect:" + UriComponentsBuilder.fromPath(PATH).queryParam("andrad", 1)
                .queryParam("position", answer.position()).buildAndExpand(promiseId, activityId).encode().toUriString();
    }
}
