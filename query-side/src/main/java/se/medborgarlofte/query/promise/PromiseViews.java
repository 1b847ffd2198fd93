package se.medborgarlofte.query.promise;

import com.fasterxml.jackson.annotation.JsonProperty;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Cadence;
import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.Signatory;
import se.medborgarlofte.events.TargetSource;
import se.medborgarlofte.query.promise.PromiseDocument.Assessment;
import se.medborgarlofte.query.promise.PromiseDocument.CarriedFrom;
import se.medborgarlofte.query.promise.PromiseDocument.CommitmentDocument;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the promise endpoints answer. */
public final class PromiseViews {

    private PromiseViews() {
    }

    /**
     * A commitment as worded. {@code shape} decides how progress is judged; {@code targetSource} is null where the
     * commitment was stored before it was recorded; {@code targetMeasure} names the outcome measure the target
     * counts (null: the number of activities).
     */
    public record CommitmentView(String commitmentId, String title, String description, Party owner, String focusArea,
                                 Set<ActivityKind> countedKinds, Integer target, CommitmentShape shape, Cadence cadence,
                                 LocalDate dueOn, List<String> municipalities, Map<String, Integer> municipalityTargets,
                                 String targetMeasure, TargetSource targetSource, boolean withdrawn,
                                 String withdrawalReason, List<Assessment> assessments, CarriedFrom carriedFrom) {
        static CommitmentView of(CommitmentDocument c) {
            CommitmentTerms terms = c.terms();
            return new CommitmentView(c.commitmentId, c.title, c.description, c.owner, c.focusArea, c.countedKinds,
                    c.target, terms.shape(), terms.cadence(), terms.dueOn(), terms.municipalities(),
                    terms.municipalityTargets(), terms.targetMeasure(), terms.targetSource(), c.withdrawn,
                    c.withdrawalReason, List.copyOf(c.assessments), c.carriedFrom);
        }

        @JsonProperty("shapeLabel")
        public String shapeLabel() {
            String label = CodeLabels.shape(shape);
            return cadence == null ? label : label + ", minst " + cadence.atLeast() + " " + CodeLabels.every(cadence.every());
        }

        @JsonProperty("targetMeasureLabel")
        public String targetMeasureLabel() {
            return targetMeasure == null ? null : CodeLabels.outcome(targetMeasure);
        }

        @JsonProperty("targetSourceLabel")
        public String targetSourceLabel() {
            return CodeLabels.targetSource(targetSource);
        }

        @JsonProperty("ownerLabel")
        public String ownerLabel() {
            return CodeLabels.owner(owner);
        }

        /** The counted kinds' Swedish names, in the order of the codes. */
        @JsonProperty("countedKindLabels")
        public List<String> countedKindLabels() {
            return countedKinds == null ? List.of()
                    : countedKinds.stream().sorted().map(CodeLabels::kind).toList();
        }
    }

    /** {@code version} as in {@link PromiseView}: changes with the wording and the commitments, not with activities. */
    public record PromiseSummaryView(String promiseId, String title, List<String> municipalities, String policeArea,
                                     LocalDate validFrom, LocalDate validTo, LocalDate signedOn, boolean closed,
                                     List<CommitmentView> commitments, long version) {
        static PromiseSummaryView of(PromiseDocument p) {
            return new PromiseSummaryView(p.promiseId, p.title, p.municipalities, p.policeArea, p.validFrom, p.validTo,
                    p.signedOn, p.closed, p.commitments.stream().map(CommitmentView::of).toList(), p.lastSequence);
        }
    }

    /**
     * {@code version} is the promise's version for {@code If-Match} on commands (also sent as the ETag).
     * {@code renewedFrom} is the previous period's promise this one renews, {@code renewedAs} the ones that renew it.
     */
    public record PromiseView(String promiseId, long version, String title, List<String> municipalities, String policeArea,
                              LocalDate validFrom, LocalDate validTo, LocalDate signedOn, List<Signatory> signatories,
                              String statement, List<String> situationSources, String followUp,
                              List<FocusArea> focusAreas, String sourceDocument, List<String> assumedFields,
                              boolean closed, LocalDate closedOn, String closingSummary,
                              Instant recordedAt, Instant updatedAt, List<CommitmentView> commitments,
                              String renewedFrom, List<String> renewedAs) {
        static PromiseView of(PromiseDocument p, List<String> renewedAs) {
            return new PromiseView(p.promiseId, p.lastSequence, p.title, p.municipalities, p.policeArea, p.validFrom, p.validTo,
                    p.signedOn, p.signatories, p.statement, p.situationSources, p.followUp, p.focusAreas,
                    p.sourceDocument, p.assumedFields == null ? List.of() : p.assumedFields, p.closed,
                    p.closedOn, p.closingSummary, p.recordedAt, p.updatedAt,
                    p.commitments.stream().map(CommitmentView::of).toList(), p.renewedFrom, renewedAs);
        }
    }
}
