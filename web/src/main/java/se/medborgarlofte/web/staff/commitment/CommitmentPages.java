package se.medborgarlofte.web.staff.commitment;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.security.CurrentUser;
import se.medborgarlofte.security.Role;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.SwedishFormat;
import se.medborgarlofte.web.staff.api.FormErrors;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffUser.Side;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The view models of the commitment pages; a form is offered only where the API would accept it (rule 12). */
@Component
class CommitmentPages {

    /** A choice on a page: value, Swedish label, element id. */
    record Option(String value, String label, String id) {
    }

    /** What is open to the user for one commitment. */
    record Access(boolean assess, boolean change) {
    }

    private final Messages messages;
    private final Clock clock;

    CommitmentPages(Messages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    Access access(CurrentUser user, StaffViews.Promise promise, StaffViews.Commitment commitment) {
        Set<Side> sides = StaffUser.sides(user, promise);
        boolean open = !promise.closed() && !commitment.withdrawn() && StaffUser.mayActFor(sides, commitment.owner());
        return new Access(open && commitment.target() == null, open);
    }

    /** The owners the user may add or revise commitments for. */
    List<Option> owners(CurrentUser user, StaffViews.Promise promise) {
        Set<Side> sides = StaffUser.sides(user, promise);
        return Arrays.stream(Side.values()).filter(sides::contains)
                .map(side -> new Option(side.name(), messages.get("owner." + side.name()), "owner-" + side.name()))
                .toList();
    }

    String commitment(Model model, CurrentUser user, StaffViews.Promise promise, StaffViews.Commitment commitment,
                      Forms forms) {
        model.addAttribute("user", user);
        model.addAttribute("promise", promise);
        model.addAttribute("commitment", commitment);
        model.addAttribute("access", access(user, promise, commitment));
        model.addAttribute("forms", forms);
        model.addAttribute("statuses", Arrays.stream(PaceStatus.values()).map(s -> new Option(s.name(),
                SwedishFormat.capitalized(messages.get("status." + s.name())), "status-" + s.name())).toList());
        model.addAttribute("assessments", commitment.assessments().stream()
                .map(a -> SwedishFormat.date(a.assessedOn()) + ": " + a.statusLabel() + ". " + a.rationale()).toList());
        fields(model, user, promise);
        return "staff/commitment";
    }

    String newCommitment(Model model, CurrentUser user, StaffViews.Promise promise, CommitmentForm form,
                         FormErrors errors) {
        model.addAttribute("user", user);
        model.addAttribute("promise", promise);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        fields(model, user, promise);
        return "staff/commitment-new";
    }

    /** The forms of the commitment page as typed, and their errors. */
    record Forms(String assessedOn, String status, String rationale, FormErrors assessErrors, CommitmentForm revision,
                 FormErrors reviseErrors, String withdrawReason, FormErrors withdrawErrors) {
    }

    Forms fresh(StaffViews.Promise promise, StaffViews.Commitment commitment) {
        LocalDate today = LocalDate.now(clock);
        LocalDate date = today.isAfter(promise.validTo()) ? promise.validTo() : today;
        return new Forms(date.toString(), "", "", FormErrors.none(), CommitmentForm.of(commitment), FormErrors.none(),
                "", FormErrors.none());
    }

    private void fields(Model model, CurrentUser user, StaffViews.Promise promise) {
        model.addAttribute("owners", owners(user, promise));
        model.addAttribute("focusAreas", promise.focusAreas().stream()
                .map(f -> new Option(f.code(), f.title(), "focusArea-" + f.code())).toList());
        model.addAttribute("kinds", Arrays.stream(ActivityKind.values())
                .map(k -> new Option(k.name(), messages.get("kind." + k.name()), "countedKinds-" + k.name())).toList());
        model.addAttribute("mayAdd", !promise.closed() && !owners(user, promise).isEmpty());
        model.addAttribute("admin", user.role() == Role.ADMIN);
    }
}
