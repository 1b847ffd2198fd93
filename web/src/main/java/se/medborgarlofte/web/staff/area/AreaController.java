package se.medborgarlofte.web.staff.area;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.medborgarlofte.security.CurrentUser;
import se.medborgarlofte.web.api.QueryViews;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.Parameters;
import se.medborgarlofte.web.page.SwedishFormat;
import se.medborgarlofte.web.staff.api.StaffApi;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.util.Comparator;
import java.util.List;

/**
 * {@code /personal/omrade?polisomrade=}: every promise of one police area side by side, for the area chief. Without
 * a choice, the signed-in user's own police area (or the first one).
 */
@Controller
class AreaController {

    private final StaffApi api;
    private final Messages messages;

    AreaController(StaffApi api, Messages messages) {
        this.api = api;
        this.messages = messages;
    }

    /** One promise of the area. */
    record Column(String promiseId, String title, String period, String municipalities, String done, String status,
                  int behind, int commitments, boolean closed) {
    }

    @GetMapping("/personal/omrade")
    String area(@RequestParam(name = "polisomrade", required = false) String chosen, Model model) {
        CurrentUser user = StaffUser.current();
        List<StaffViews.Promise> promises = api.promises();
        List<String> areas = promises.stream().map(StaffViews.Promise::policeArea).distinct().sorted().toList();
        String area = Parameters.text("polisomrade", chosen, 200);
        if (area == null) {
            area = areas.contains(user.organisation()) ? user.organisation() : areas.isEmpty() ? "" : areas.get(0);
        }
        String selected = area;
        List<Column> columns = promises.stream().filter(p -> p.policeArea().equals(selected))
                .sorted(Comparator.comparing(StaffViews.Promise::validFrom).reversed())
                .map(this::column).toList();
        model.addAttribute("user", user);
        model.addAttribute("areas", areas);
        model.addAttribute("area", area);
        model.addAttribute("columns", columns);
        return "staff/area";
    }

    private Column column(StaffViews.Promise promise) {
        QueryViews.Progress progress = api.progress(promise.promiseId(), null);
        QueryViews.RollUp total = progress.total();
        String done = total.withTarget() == 0 ? messages.get("area.noTargets")
                : messages.get("area.done", total.doneTowardsTarget(), total.target());
        return new Column(promise.promiseId(), promise.title(),
                SwedishFormat.period(promise.validFrom(), promise.validTo()), String.join(", ", promise.municipalities()),
                done, total.statusLabel(), total.statusCounts().getOrDefault("BEHIND", 0), total.commitments(),
                promise.closed());
    }
}
