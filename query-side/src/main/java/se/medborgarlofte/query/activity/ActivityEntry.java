package se.medborgarlofte.query.activity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.events.OutcomeFigure;
import se.medborgarlofte.events.OutcomeMeasures;
import se.medborgarlofte.events.Party;

import java.util.List;
import java.util.Map;

/**
 * One line of the activity log: the whole record for signed-in callers, the public fields for everyone else. Both
 * carry the Swedish words for their codes.
 */
@Schema(oneOf = {ActivityView.class, PublicActivityView.class})
public sealed interface ActivityEntry permits ActivityView, PublicActivityView {

    ActivityKind kind();

    Party performedBy();

    Map<String, Integer> outcomes();

    /** The outcome figures with their Swedish names and units; undeclared (old) keys marked {@code other}. */
    @JsonProperty("outcomeFigures")
    default List<OutcomeFigure> outcomeFigures() {
        return OutcomeMeasures.figures(kind(), outcomes());
    }

    @JsonProperty("kindLabel")
    default String kindLabel() {
        return CodeLabels.kind(kind());
    }

    @JsonProperty("performedByLabel")
    default String performedByLabel() {
        return CodeLabels.owner(performedBy());
    }
}
