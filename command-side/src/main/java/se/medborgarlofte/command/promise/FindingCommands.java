package se.medborgarlofte.command.promise;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import se.medborgarlofte.events.FindingDetails;
import se.medborgarlofte.events.FindingId;
import se.medborgarlofte.events.MeasureId;
import se.medborgarlofte.events.MeasurePlan;
import se.medborgarlofte.events.PromiseId;

import java.time.LocalDate;

/** The commands about findings and the åtgärder (measures) taken on them; the promise handles them. */
public final class FindingCommands {

    private FindingCommands() {
    }

    /** What an activity found; {@code findingId} is chosen by the client, so a retry adds nothing. */
    public record RecordFinding(@TargetAggregateIdentifier PromiseId promiseId, FindingId findingId,
                                FindingDetails details) {
    }

    /** {@code measureId} is chosen by the client, so a retry adds nothing. */
    public record PlanMeasure(@TargetAggregateIdentifier PromiseId promiseId, FindingId findingId, MeasureId measureId,
                              MeasurePlan plan) {
    }

    public record CompleteMeasure(@TargetAggregateIdentifier PromiseId promiseId, FindingId findingId,
                                  MeasureId measureId, LocalDate doneOn, String whatWasDone) {
    }

    public record DeclineMeasure(@TargetAggregateIdentifier PromiseId promiseId, FindingId findingId,
                                 MeasureId measureId, String reason) {
    }

    /** Återkoppling to the residents: when and how. */
    public record ReportBack(@TargetAggregateIdentifier PromiseId promiseId, FindingId findingId, LocalDate reportedOn,
                             String how) {
    }

    /** The wording the public sees; the finding's own text never is. */
    public record PublishFinding(@TargetAggregateIdentifier PromiseId promiseId, FindingId findingId,
                                 String publicText, String publicPlace, String publicAction) {
    }

    public record UnpublishFinding(@TargetAggregateIdentifier PromiseId promiseId, FindingId findingId,
                                   String reason) {
    }
}
