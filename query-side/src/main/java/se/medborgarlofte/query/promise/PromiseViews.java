package se.medborgarlofte.query.promise;

import com.fasterxml.jackson.annotation.JsonProperty;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.Signatory;
import se.medborgarlofte.query.promise.PromiseDocument.Assessment;
import se.medborgarlofte.query.promise.PromiseDocument.CarriedFrom;
import se.medborgarlofte.query.promise.PromiseDocument.CommitmentDocument;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** What the promise endpoints answer. */
public final class PromiseViews {

    private PromiseViews() {
    }

    public record CommitmentView(String commitmentId, String title, String description, Party owner, String focusArea,
                                 Set<ActivityKind> countedKinds, Integer target, boolean withdrawn,
                                 String withdrawalReason, List<Assessment> assessments, CarriedFrom carriedFrom) {
        static CommitmentView of(CommitmentDocument c) {
            return new CommitmentView(c.commitmentId, c.title, c.description, c.owner, c.focusArea, c.countedKinds,
                    c.target, c.withdrawn, c.withdrawalReason, List.copyOf(c.assessments), c.carriedFrom);
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
                              List<FocusArea> focusAreas, boolean closed, LocalDate closedOn, String closingSummary,
                              Instant recordedAt, Instant updatedAt, List<CommitmentView> commitments,
                              String renewedFrom, List<String> renewedAs) {
        static PromiseView of(PromiseDocument p, List<String> renewedAs) {
            return new PromiseView(p.promiseId, p.lastSequence, p.title, p.municipalities, p.policeArea, p.validFrom, p.validTo,
                    p.signedOn, p.signatories, p.statement, p.situationSources, p.followUp, p.focusAreas, p.closed,
                    p.closedOn, p.closingSummary, p.recordedAt, p.updatedAt,
                    p.commitments.stream().map(CommitmentView::of).toList(), p.renewedFrom, renewedAs);
        }
    }
}
