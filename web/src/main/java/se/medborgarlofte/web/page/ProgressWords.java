package se.medborgarlofte.web.page;

import org.springframework.stereotype.Component;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.web.api.QueryViews.RollUp;

import java.util.ArrayList;
import java.util.List;

/** Progress figures in Swedish words, the same on every page that shows them. */
@Component
public class ProgressWords {

    private final Messages messages;

    public ProgressWords(Messages messages) {
        this.messages = messages;
    }

    /** A promise's progress in total: the bar over the commitments with a target, the status, and the counts. */
    public record Total(boolean hasTargets, Bar bar, StatusView status, String counts) {
    }

    public Total total(RollUp total) {
        boolean hasTargets = total.withTarget() > 0;
        Bar bar = hasTargets ? Bar.of(total.doneTowardsTarget(), total.target(), total.expected(),
                messages.get("progress.total", total.doneTowardsTarget(), total.target())) : null;
        return new Total(hasTargets, bar, StatusView.of(total.headline().code(), total.headline().label()),
                counts(total));
    }

    /** "7 åtaganden: 2 enligt plan, 1 efter plan, 4 inte bedömda." */
    String counts(RollUp total) {
        List<String> parts = new ArrayList<>();
        int judged = 0;
        for (PaceStatus status : List.of(PaceStatus.ACHIEVED, PaceStatus.DONE, PaceStatus.ON_TRACK,
                PaceStatus.IN_PROGRESS, PaceStatus.BEHIND, PaceStatus.LATE, PaceStatus.NOT_STARTED)) {
            int count = total.statusCounts().getOrDefault(status.name(), 0);
            judged += count;
            if (count > 0) {
                parts.add(count + " " + messages.get("progress.count." + status.name()));
            }
        }
        int unjudged = total.commitments() - judged;
        if (unjudged > 0) {
            parts.add(unjudged + " " + messages.get("progress.count.NONE"));
        }
        String heading = messages.get(total.commitments() == 1 ? "progress.commitment" : "progress.commitments",
                total.commitments());
        return parts.isEmpty() ? heading + "." : heading + ": " + String.join(", ", parts) + ".";
    }

    /** The bar of one commitment with a target: "5 av 12 gjorda". */
    public Bar commitment(int done, int target, Double expected) {
        return Bar.of(done, target, expected, messages.get("progress.commitmentDone", done, target));
    }
}
