package se.medborgarlofte.web.promise;

import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.web.api.QueryViews.CommitmentProgress;
import se.medborgarlofte.web.page.Bar;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.ProgressWords;
import se.medborgarlofte.web.page.SwedishFormat;

import java.util.ArrayList;
import java.util.List;

/** What a commitment's page section says about its progress besides the status, by the commitment's shape. */
final class ShapeWords {

    private ShapeWords() {
    }

    /** The sentence under the status: pace and forecast, periods met, due or done date, or "vid behov". */
    static String pace(Messages messages, CommitmentProgress progress) {
        List<String> parts = new ArrayList<>();
        switch (progress.shape()) {
            case "CADENCE" -> {
                var cadence = progress.cadence();
                if (cadence != null) {
                    parts.add(messages.get("commitment.cadence", CodeLabels.every(
                            se.medborgarlofte.events.Cadence.Every.valueOf(cadence.every())), cadence.atLeast(),
                            cadence.met(), cadence.due()));
                    if (!cadence.missed().isEmpty()) {
                        parts.add(messages.get("commitment.cadenceMissed", String.join(", ", cadence.missed())));
                    }
                }
            }
            case "MILESTONE" -> parts.add(progress.doneOn() != null
                    ? messages.get("commitment.doneOn", SwedishFormat.date(progress.doneOn()))
                    : messages.get("commitment.dueOn", SwedishFormat.date(progress.dueOn())));
            case "AS_NEEDED" -> parts.add(messages.get("commitment.asNeeded",
                    progress.activities() == null ? progress.done() : progress.activities()));
            default -> {
                if (progress.target() != null) {
                    parts.add(messages.get("commitment.pace", SwedishFormat.number(progress.expected())));
                    if (progress.forecast() != null) {
                        parts.add(messages.get("commitment.forecast", progress.forecast()));
                    }
                }
            }
        }
        if (progress.assessmentOld() && progress.latestAssessment() != null) {
            parts.add(messages.get("commitment.oldAssessment"));
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** The bar of a commitment with a target: "5 av 12 gjorda", or "65 av 200 kontrollerade förare". */
    static Bar bar(Messages messages, ProgressWords words, CommitmentProgress progress) {
        if (progress.targetMeasure() == null) {
            return words.commitment(progress.done(), progress.target(), progress.expected());
        }
        return Bar.of(progress.done(), progress.target(), progress.expected(), messages.get("commitment.measureDone",
                progress.done(), progress.target(), CodeLabels.outcome(progress.targetMeasure())));
    }
}
