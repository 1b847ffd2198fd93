package se.medborgarlofte.web.staff.home;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import se.medborgarlofte.security.CurrentUser;
import se.medborgarlofte.security.Role;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.SwedishFormat;
import se.medborgarlofte.web.staff.api.StaffApi;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffUser.Side;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code /personal/}: my promises (those where my organisation is a party; all of them for an admin or a reader),
 * the commitments I may record for, and my latest records.
 */
@Controller
class StaffHomeController {

    static final int LATEST = 5;

    private final StaffApi api;
    private final Messages messages;

    StaffHomeController(StaffApi api, Messages messages) {
        this.api = api;
        this.messages = messages;
    }

    /** One promise on the page. */
    record PromiseCard(String promiseId, String title, String period, boolean closed, boolean mayRecord,
                       List<CommitmentLink> commitments) {
    }

    /** A commitment the user acts for, with its page. */
    record CommitmentLink(String commitmentId, String title) {
    }

    /** One of my records. */
    record LatestRecord(String promiseId, String promiseTitle, String activityId, String kind, String occurredOn,
                        String place, boolean retracted, java.time.Instant recordedAt) {
    }

    @GetMapping("/personal/")
    String home(Model model) {
        CurrentUser user = StaffUser.current();
        List<PromiseCard> cards = new ArrayList<>();
        List<LatestRecord> latest = new ArrayList<>();
        List<StaffViews.Promise> promises = api.promises();
        boolean readsAll = user.role() != Role.EDITOR;
        for (StaffViews.Promise promise : promises) {
            Set<Side> sides = StaffUser.sides(user, promise);
            if (sides.isEmpty() && !readsAll) {
                continue;
            }
            List<CommitmentLink> commitments = promise.active().stream()
                    .filter(c -> StaffUser.mayActFor(sides, c.owner()))
                    .map(c -> new CommitmentLink(c.commitmentId(), c.title() + " (" + c.ownerLabel() + ")")).toList();
            cards.add(new PromiseCard(promise.promiseId(), promise.title(),
                    SwedishFormat.period(promise.validFrom(), promise.validTo()), promise.closed(),
                    !sides.isEmpty() && !promise.closed() && !commitments.isEmpty(), commitments));
            if (!sides.isEmpty()) {
                api.activities(promise.promiseId()).stream().filter(a -> user.userId().equals(a.recordedBy()))
                        .map(a -> new LatestRecord(promise.promiseId(), promise.title(), a.activityId(),
                                messages.get("kind." + a.kind()), SwedishFormat.date(a.occurredOn()), a.place(),
                                a.retracted(), a.recordedAt()))
                        .forEach(latest::add);
            }
        }
        latest.sort(Comparator.comparing(LatestRecord::recordedAt,
                Comparator.nullsLast(Comparator.<java.time.Instant>naturalOrder())).reversed());
        model.addAttribute("user", user);
        model.addAttribute("admin", user.role() == Role.ADMIN);
        model.addAttribute("promises", cards);
        model.addAttribute("latest", latest.subList(0, Math.min(LATEST, latest.size())));
        return "staff/home";
    }
}
