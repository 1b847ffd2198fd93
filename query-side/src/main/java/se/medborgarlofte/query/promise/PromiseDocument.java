package se.medborgarlofte.query.promise;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.events.Cadence;
import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.TargetSource;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Read model of one promise with its commitments and their assessments. {@code lastSequence} is the aggregate
 * sequence number of the last event applied, so an event delivered again is skipped. Indexes (created at start by
 * {@code ReadModelIndexes}): the list of promises in its order, and the promises that renew one.
 */
@Document("#{@readModelCollections.name('promises')}")
@CompoundIndex(name = "list_order", def = "{'validFrom': -1, 'title': 1}")
public class PromiseDocument {

    @Id
    public String promiseId;
    public String title;
    public List<String> municipalities;
    public String policeArea;
    public LocalDate validFrom;
    public LocalDate validTo;
    public LocalDate signedOn;
    public List<Signatory> signatories;
    public String statement;
    public List<String> situationSources;
    public String followUp;
    public List<FocusArea> focusAreas;
    public String sourceDocument;
    public List<String> assumedFields;
    public boolean closed;
    public LocalDate closedOn;
    public String closingSummary;
    public Instant recordedAt;
    public Instant updatedAt;
    /** The promise of the previous period that this one renews, if any. */
    @Indexed(name = "renewed_from", sparse = true)
    public String renewedFrom;
    public List<CommitmentDocument> commitments = new ArrayList<>();
    public long lastSequence = -1;

    public static class CommitmentDocument {
        public String commitmentId;
        public String title;
        public String description;
        public Party owner;
        public String focusArea;
        public Set<ActivityKind> countedKinds;
        public Integer target;
        public CommitmentShape shape;
        public Cadence cadence;
        public LocalDate dueOn;
        public List<String> municipalities;
        public Map<String, Integer> municipalityTargets;
        public String targetMeasure;
        public TargetSource targetSource;
        public boolean withdrawn;
        public String withdrawalReason;
        public List<Assessment> assessments = new ArrayList<>();
        /** The previous period's commitment this one continues, if carried over. */
        public CarriedFrom carriedFrom;

        void apply(CommitmentTerms terms) {
            title = terms.title();
            description = terms.description();
            owner = terms.owner();
            focusArea = terms.focusArea();
            countedKinds = terms.countedKinds();
            target = terms.target();
            shape = terms.shape();
            cadence = terms.cadence();
            dueOn = terms.dueOn();
            municipalities = terms.municipalities();
            municipalityTargets = terms.municipalityTargets();
            targetMeasure = terms.targetMeasure();
            targetSource = terms.targetSource();
        }

        /** The commitment's wording as the event said it (documents stored before shapes read as COUNT). */
        public CommitmentTerms terms() {
            return new CommitmentTerms(title, description, owner, focusArea, countedKinds, target, shape, cadence,
                    dueOn, municipalities, municipalityTargets, targetMeasure, targetSource);
        }

        public Optional<Assessment> latestAssessment() {
            return assessments.stream().reduce((first, second) -> second);
        }
    }

    public record CarriedFrom(String promiseId, String commitmentId) {
    }

    public record Assessment(LocalDate assessedOn, PaceStatus status, String rationale, Instant recordedAt) {
        @JsonProperty("statusLabel")
        public String statusLabel() {
            return CodeLabels.status(status);
        }
    }

    void apply(PromiseTerms terms) {
        title = terms.title();
        municipalities = terms.municipalities();
        policeArea = terms.policeArea();
        validFrom = terms.validFrom();
        validTo = terms.validTo();
        signedOn = terms.signedOn();
        signatories = terms.signatories();
        statement = terms.statement();
        situationSources = terms.situationSources();
        followUp = terms.followUp();
        focusAreas = terms.focusAreas();
        sourceDocument = terms.sourceDocument();
        assumedFields = terms.assumedFields();
    }

    public Optional<CommitmentDocument> commitment(String commitmentId) {
        return commitments.stream().filter(c -> c.commitmentId.equals(commitmentId)).findFirst();
    }
}
