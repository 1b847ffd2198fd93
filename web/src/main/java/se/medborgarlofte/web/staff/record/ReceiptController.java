package se.medborgarlofte.web.staff.record;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import se.medborgarlofte.web.api.QueryViews;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.SwedishFormat;
import se.medborgarlofte.web.staff.api.StaffApi;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The receipt after a record: what was saved and the new progress of each linked commitment ("7 av 12, enligt
 * plan"). The read models lag the command's answer a little, so the page first waits, at most {@link #WAIT}, until
 * the query side has passed the position the command side gave ({@code X-Event-Position}); if it has not, the page
 * says that the figures are being updated rather than show the old ones.
 */
@Controller
class ReceiptController {

    static final Duration WAIT = Duration.ofSeconds(3);

    private final StaffApi api;
    private final Messages messages;

    ReceiptController(StaffApi api, Messages messages) {
        this.api = api;
        this.messages = messages;
    }

    /** One linked commitment's new figure. */
    record Line(String title, String figure) {
    }

    @GetMapping("/personal/loften/{promiseId}/kvitto")
    String receipt(@PathVariable String promiseId, @RequestParam(name = "aktivitet") String activityId,
                   @RequestParam(name = "position", defaultValue = "-1") String position, Model model) {
        StaffViews.Promise promise = api.promise(promiseId);
        boolean caughtUp = api.awaitReadPosition(parse(position), WAIT);
        Optional<StaffViews.Activity> activity = caughtUp ? api.activities(promiseId).stream()
                .filter(a -> a.activityId().equals(activityId)).findFirst() : Optional.empty();
        model.addAttribute("user", StaffUser.current());
        model.addAttribute("promise", promise);
        model.addAttribute("updating", activity.isEmpty());
        activity.ifPresent(a -> {
            model.addAttribute("activity", a);
            model.addAttribute("kindLabel", messages.get("kind." + a.kind()));
            model.addAttribute("date", SwedishFormat.date(a.occurredOn()));
            model.addAttribute("performer", messages.get("party." + a.performedBy()));
            model.addAttribute("lines", lines(promise, a, api.progress(promiseId, null)));
        });
        return "staff/receipt";
    }

    private List<Line> lines(StaffViews.Promise promise, StaffViews.Activity activity, QueryViews.Progress progress) {
        Map<String, QueryViews.CommitmentProgress> byId = progress.commitments().stream()
                .collect(Collectors.toMap(QueryViews.CommitmentProgress::commitmentId, Function.identity()));
        Map<String, String> titles = promise.commitments().stream()
                .collect(Collectors.toMap(StaffViews.Commitment::commitmentId, StaffViews.Commitment::title));
        return activity.commitmentIds().stream().filter(byId::containsKey).map(id -> {
            QueryViews.CommitmentProgress p = byId.get(id);
            String figure = p.target() == null ? messages.get("receipt.doneNoTarget", p.done(), p.statusLabel())
                    : messages.get("receipt.done", p.done(), p.target(), p.statusLabel());
            return new Line(titles.getOrDefault(id, id), figure);
        }).toList();
    }

    static long parse(String position) {
        return position.matches("\\d{1,18}") ? Long.parseLong(position) : -1;
    }
}
