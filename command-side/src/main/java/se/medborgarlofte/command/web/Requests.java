package se.medborgarlofte.command.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import se.medborgarlofte.command.promise.ActivityChanges;
import se.medborgarlofte.events.ActivityDetails;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Cadence;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.CommitmentShape;
import se.medborgarlofte.events.CommitmentTerms;
import se.medborgarlofte.events.FocusArea;
import se.medborgarlofte.events.PaceStatus;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.events.PromiseTerms;
import se.medborgarlofte.events.Signatory;
import se.medborgarlofte.events.TargetSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request bodies of the command API. Field names are the public contract. */
public final class Requests {

    /** Client-chosen ids: letters, digits, '-' and '_', at most 64 characters. */
    public static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    static final String ID_MESSAGE = "ska vara 1-64 tecken: bokstäver a-z, siffror, '-' och '_'";

    private Requests() {
    }

    public record SignatoryRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String role,
            @NotNull Party side) {

        Signatory toSignatory() {
            return new Signatory(name.strip(), role.strip(), side);
        }
    }

    public record FocusAreaRequest(
            @NotBlank @Pattern(regexp = "^[A-Z][A-Z0-9_]{0,39}$", message = "ska vara VERSALER_MED_UNDERSTRECK, högst 40 tecken") String code,
            @NotBlank @Size(max = 200) String title) {
    }

    /** A promise to sign, or, with a {@code reason}, the full new wording of an amendment. */
    public record PromiseRequest(
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String promiseId,
            @NotBlank @Size(max = 300) String title,
            @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 100) String> municipalities,
            @NotBlank @Size(max = 200) String policeArea,
            @NotNull LocalDate validFrom,
            @NotNull LocalDate validTo,
            @NotNull LocalDate signedOn,
            @NotEmpty @Size(max = 10) List<@Valid @NotNull SignatoryRequest> signatories,
            @NotBlank @Size(max = 10_000) String statement,
            @Size(max = 30) List<@NotBlank @Size(max = 300) String> situationSources,
            @Size(max = 5_000) String followUp,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull FocusAreaRequest> focusAreas,
            @Size(max = 500) String sourceDocument,
            @Size(max = 20) List<@NotNull @Pattern(regexp = FIELD_NAME, message = FIELD_MESSAGE) String> assumedFields,
            @Size(max = 2_000) String reason) {

        @AssertTrue(message = "validTo får inte ligga före validFrom")
        boolean isValidTo() {
            return validFrom == null || validTo == null || !validTo.isBefore(validFrom);
        }

        public PromiseTerms toTerms() {
            return new PromiseTerms(title.strip(), municipalities.stream().map(String::strip).toList(),
                    policeArea.strip(), validFrom, validTo, signedOn,
                    signatories.stream().map(SignatoryRequest::toSignatory).toList(), statement.strip(),
                    situationSources == null ? List.of() : situationSources.stream().map(String::strip).toList(),
                    followUp == null ? "" : followUp.strip(),
                    focusAreas.stream().map(area -> new FocusArea(area.code(), area.title().strip())).toList(),
                    sourceDocument == null ? null : sourceDocument.strip(), assumedFields);
        }
    }

    /** A commitment to add, or, with a {@code reason}, the full new wording of a revision. */
    public record CommitmentRequest(
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String commitmentId,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 10_000) String description,
            @NotNull Party owner,
            @NotBlank @Size(max = 40) String focusArea,
            @NotEmpty Set<@NotNull ActivityKind> countedKinds,
            @Positive @Max(100_000) Integer target,
            CommitmentShape shape,
            @Valid CadenceRequest cadence,
            LocalDate dueOn,
            @Size(max = 10) List<@NotBlank @Size(max = 100) String> municipalities,
            @Size(max = 10) Map<@NotBlank @Size(max = 100) String, @NotNull @Positive @Max(100_000) Integer> municipalityTargets,
            @Pattern(regexp = OUTCOME_KEY, message = OUTCOME_MESSAGE) String targetMeasure,
            TargetSource targetSource,
            @Size(max = 2_000) String reason) {

        public CommitmentTerms toTerms() {
            return new CommitmentTerms(title.strip(), description == null ? "" : description.strip(), owner,
                    focusArea, countedKinds, target, shape, cadence == null ? null : cadence.toCadence(), dueOn,
                    strip(municipalities), municipalityTargets, targetMeasure, targetSource);
        }
    }

    /** How often a CADENCE commitment is due. */
    public record CadenceRequest(@NotNull Cadence.Every every, @NotNull @Positive @Max(1_000) Integer atLeast) {
        Cadence toCadence() {
            return new Cadence(every, atLeast);
        }
    }

    public record ActivityRequest(
            @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String activityId,
            @NotNull ActivityKind kind,
            @NotNull LocalDate occurredOn,
            @NotBlank @Size(max = 300) String place,
            @NotNull Party performedBy,
            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String> commitmentIds,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> participants,
            @Size(max = 30) Map<@NotNull @Pattern(regexp = OUTCOME_KEY, message = OUTCOME_MESSAGE) String,
                    @NotNull @PositiveOrZero @Max(10_000_000) Integer> outcomes,
            @Size(max = 10_000) String notes,
            @Size(min = 1, max = 100) String municipality,
            @Size(min = 1, max = 300) String publicPlace,
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String causedBy,
            Boolean completes,
            Boolean example,
            @Size(max = 2_000) String reason) {

        @AssertTrue(message = "samma åtagande anges mer än en gång")
        boolean isCommitmentIdsDistinct() {
            return commitmentIds == null || commitmentIds.stream().distinct().count() == commitmentIds.size();
        }

        public boolean isExample() {
            return Boolean.TRUE.equals(example);
        }

        public ActivityDetails toDetails() {
            return new ActivityDetails(kind, occurredOn, place.strip(), performedBy, toCommitmentIds(commitmentIds),
                    strip(participants), outcomes, notes == null ? "" : notes.strip(), strip(municipality),
                    strip(publicPlace), causedBy, Boolean.TRUE.equals(completes));
        }
    }

    static final String OUTCOME_KEY = "^[a-zA-Z][a-zA-Z0-9]{0,39}$";
    static final String FIELD_NAME = "^[a-z][a-zA-Z0-9.]{0,59}$";
    static final String FIELD_MESSAGE = "fältnamn som i API:t, t.ex. policeArea eller signatories";
    static final String OUTCOME_MESSAGE = "utfallsnamn ska vara 1-40 bokstäver eller siffror, t.ex. vehiclesChecked";

    /** The fields of an activity that change, and why. Absent fields keep their recorded value. */
    public record CorrectionRequest(
            ActivityKind kind,
            LocalDate occurredOn,
            @Size(min = 1, max = 300) String place,
            Party performedBy,
            @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String> commitmentIds,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> participants,
            @Size(max = 30) Map<@NotNull @Pattern(regexp = OUTCOME_KEY, message = OUTCOME_MESSAGE) String,
                    @NotNull @PositiveOrZero @Max(10_000_000) Integer> outcomes,
            @Size(max = 10_000) String notes,
            @Size(min = 1, max = 100) String municipality,
            @Size(min = 1, max = 300) String publicPlace,
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String causedBy,
            Boolean completes,
            @NotBlank @Size(max = 2_000) String reason) {

        @AssertTrue(message = "samma åtagande anges mer än en gång")
        boolean isCommitmentIdsDistinct() {
            return commitmentIds == null || commitmentIds.stream().distinct().count() == commitmentIds.size();
        }

        ActivityChanges toChanges() {
            return new ActivityChanges(kind, occurredOn, place == null ? null : place.strip(), performedBy,
                    commitmentIds == null ? null : toCommitmentIds(commitmentIds), participants == null ? null : strip(participants),
                    outcomes, notes == null ? null : notes.strip(), strip(municipality), strip(publicPlace), causedBy,
                    completes);
        }
    }

    /** Retraction of an activity, withdrawal of a commitment. */
    public record ReasonRequest(@NotBlank @Size(max = 2_000) String reason) {
    }

    public record AssessmentRequest(
            @NotNull LocalDate assessedOn,
            @NotNull PaceStatus status,
            @NotBlank @Size(max = 5_000) String rationale) {
    }

    public record ClosureRequest(
            @NotNull LocalDate closedOn,
            @Size(max = 5_000) String summary) {
    }

    private static List<CommitmentId> toCommitmentIds(List<String> ids) {
        return ids.stream().map(CommitmentId::new).toList();
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static List<String> strip(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).toList();
    }
}
