package se.medborgarlofte.web.staff.record;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.security.CurrentUser;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.SwedishFormat;
import se.medborgarlofte.web.staff.api.FormErrors;
import se.medborgarlofte.web.staff.api.StaffUser;
import se.medborgarlofte.web.staff.api.StaffUser.Side;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Set;

/** The view models of the recording pages: what this user may record in this promise, and how it reads. */
@Component
class RecordPages {

    private final Messages messages;

    RecordPages(Messages messages) {
        this.messages = messages;
    }

    /** What the user may record in the promise: the kinds and the commitments of their side (or joint ones). */
    record Choice(CurrentUser user, StaffViews.Promise promise, Set<Side> sides, Side ownSide,
                  List<StaffViews.Commitment> commitments, List<String> kinds) {
        boolean mayRecord() {
            return !sides.isEmpty() && !promise.closed() && !kinds.isEmpty();
        }

        List<StaffViews.Commitment> commitmentsFor(String kind) {
            return commitments.stream().filter(c -> c.countedKinds().contains(kind)).toList();
        }
    }

    /** A choice on the page: a value, its Swedish label and its element id. */
    record Option(String value, String label, String id) {
    }

    Choice choice(CurrentUser user, StaffViews.Promise promise) {
        Set<Side> sides = StaffUser.sides(user, promise);
        List<StaffViews.Commitment> commitments = promise.active().stream()
                .filter(c -> StaffUser.mayActFor(sides, c.owner())).toList();
        List<String> kinds = Arrays.stream(ActivityKind.values()).map(Enum::name)
                .filter(kind -> commitments.stream().anyMatch(c -> c.countedKinds().contains(kind))).toList();
        return new Choice(user, promise, sides, StaffUser.ownSide(sides), commitments, kinds);
    }

    String kinds(Model model, Choice choice) {
        common(model, choice);
        model.addAttribute("kinds", choice.kinds().stream()
                .map(kind -> new Option(kind, messages.get("kind." + kind), "kind-" + kind)).toList());
        return "staff/record-kind";
    }

    String notAllowed(Model model, Choice choice) {
        common(model, choice);
        model.addAttribute("reason", choice.sides().isEmpty() ? "record.notAParty"
                : choice.promise().closed() ? "record.closed" : "record.nothingToRecord");
        return "staff/record-not-allowed";
    }

    String form(Model model, Choice choice, RecordForm form, FormErrors errors) {
        common(model, choice);
        fields(model, choice, form, errors, choice.commitmentsFor(form.kind()));
        return "staff/record";
    }

    /** One activity, with the correction and retraction forms where the user may act for its performer. */
    String activity(Model model, Choice choice, StaffViews.Activity activity, CorrectionForm correction,
                    FormErrors correctionErrors, FormErrors retractionErrors) {
        common(model, choice);
        List<StaffViews.Commitment> linkable = choice.promise().active().stream()
                .filter(c -> choice.commitmentsFor(activity.kind()).contains(c)
                             || activity.commitmentIds().contains(c.commitmentId())).toList();
        fields(model, choice, correction.fields(), correctionErrors, linkable);
        Map<String, String> titles = choice.promise().commitments().stream()
                .collect(Collectors.toMap(StaffViews.Commitment::commitmentId, StaffViews.Commitment::title));
        model.addAttribute("activity", activity);
        model.addAttribute("reason", correction.reason());
        model.addAttribute("retractionErrors", retractionErrors);
        model.addAttribute("date", SwedishFormat.date(activity.occurredOn()));
        model.addAttribute("performer", messages.get("party." + activity.performedBy()));
        model.addAttribute("linked", activity.commitmentIds().stream().map(id -> titles.getOrDefault(id, id)).toList());
        model.addAttribute("measured", activity.outcomes().entrySet().stream()
                .map(e -> new Option(String.valueOf(e.getValue()), label(e.getKey()), e.getKey())).toList());
        model.addAttribute("mayChange", !activity.retracted() && !choice.promise().closed()
                                        && StaffUser.mayActFor(choice.sides(), activity.performedBy()));
        return "staff/activity";
    }

    private void fields(Model model, Choice choice, RecordForm form, FormErrors errors,
                        List<StaffViews.Commitment> commitments) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("kindLabel", messages.get("kind." + form.kind()));
        model.addAttribute("performers", Arrays.stream(Side.values()).filter(choice.sides()::contains)
                .map(side -> new Option(side.name(), messages.get("party." + side.name()), "performedBy-" + side.name()))
                .toList());
        model.addAttribute("commitments", commitments.stream()
                .map(c -> new Option(c.commitmentId(), c.title() + " (" + c.ownerLabel() + ")",
                        "commitmentIds-" + c.commitmentId())).toList());
        model.addAttribute("outcomes", OutcomeFields.of(form.kind()).stream()
                .map(key -> new Option(key, SwedishFormat.capitalized(messages.get("outcome." + key)),
                        FormErrors.anchor("outcomes." + key)))
                .toList());
        List<String> municipalities = choice.promise().municipalities();
        model.addAttribute("municipalities", municipalities == null || municipalities.size() < 2 ? List.of()
                : municipalities);
        model.addAttribute("period", SwedishFormat.period(choice.promise().validFrom(), choice.promise().validTo()));
    }

    /** An outcome's Swedish label; a key the form does not know is shown as it is. */
    private String label(String key) {
        String label = messages.getOrNull("outcome." + key);
        return label == null ? key : SwedishFormat.capitalized(label);
    }

    private static void common(Model model, Choice choice) {
        model.addAttribute("user", choice.user());
        model.addAttribute("promise", choice.promise());
    }
}
