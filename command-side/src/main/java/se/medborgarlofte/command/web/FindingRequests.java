package se.medborgarlofte.command.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import se.medborgarlofte.command.promise.Commands.CarriedCommitment;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.CommitmentId;
import se.medborgarlofte.events.FindingCategory;
import se.medborgarlofte.events.FindingDetails;
import se.medborgarlofte.events.MeasurePlan;
import se.medborgarlofte.events.Responsible;

import java.time.LocalDate;
import java.util.List;

import static se.medborgarlofte.command.web.Requests.ID_MESSAGE;
import static se.medborgarlofte.command.web.Requests.ID_PATTERN;

/** Request bodies for findings, åtgärder and renewal. Field names are the public contract. */
public final class FindingRequests {

    private FindingRequests() {
    }

    /** What an activity found. Internal text: it is never shown to the public (see {@link PublicationRequest}). */
    public record FindingRequest(
            @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String findingId,
            @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String activityId,
            @NotBlank @Size(max = 2_000) String what,
            @NotBlank @Size(max = 300) String place,
            @NotNull FindingCategory category,
            @NotNull Responsible responsible,
            @Size(max = 200) String responsibleName) {

        @AssertTrue(message = "responsibleName ska anges när responsible är OTHER")
        boolean isResponsibleNamed() {
            return responsible != Responsible.OTHER || (responsibleName != null && !responsibleName.isBlank());
        }

        FindingDetails toDetails() {
            return new FindingDetails(new ActivityId(activityId), what.strip(), place.strip(), category, responsible,
                    nameOf(responsible, responsibleName));
        }
    }

    /** An åtgärd planned for a finding. */
    public record MeasureRequest(
            @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String measureId,
            @NotBlank @Size(max = 2_000) String what,
            @NotNull Responsible responsible,
            @Size(max = 200) String responsibleName,
            @NotNull LocalDate plannedOn) {

        @AssertTrue(message = "responsibleName ska anges när responsible är OTHER")
        boolean isResponsibleNamed() {
            return responsible != Responsible.OTHER || (responsibleName != null && !responsibleName.isBlank());
        }

        MeasurePlan toPlan() {
            return new MeasurePlan(what.strip(), responsible, nameOf(responsible, responsibleName), plannedOn);
        }
    }

    public record CompletionRequest(
            @NotNull LocalDate doneOn,
            @NotBlank @Size(max = 2_000) String whatWasDone) {
    }

    /** Återkoppling to the residents: when, and how (a meeting, a notice in the stairwell, a letter). */
    public record ReportBackRequest(
            @NotNull LocalDate reportedOn,
            @NotBlank @Size(max = 1_000) String how) {
    }

    /** The public wording: what residents said, a coarse place, and what was done (may come later). */
    public record PublicationRequest(
            @NotBlank @Size(max = 1_000) String publicText,
            @NotBlank @Size(max = 100) String publicPlace,
            @Size(max = 1_000) String publicAction) {
    }

    /** The new period's promise (its full wording, as for signing) and the commitments it carries. */
    public record RenewalRequest(
            @NotNull @Valid Requests.PromiseRequest promise,
            @NotNull @Size(max = 50) List<@Valid @NotNull CarryRequest> commitments) {
    }

    /**
     * A commitment to carry: {@code from} in the earlier promise, as {@code commitmentId} (default: the same id),
     * with {@code revised} the full new wording (as for adding a commitment), or without it as it was.
     */
    public record CarryRequest(
            @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String from,
            @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String commitmentId,
            @Valid Requests.CommitmentRequest revised) {

        CarriedCommitment toCarried() {
            return new CarriedCommitment(new CommitmentId(from), new CommitmentId(commitmentId != null ? commitmentId : from),
                    revised == null ? null : revised.toTerms());
        }
    }

    private static String nameOf(Responsible responsible, String name) {
        return responsible == Responsible.OTHER ? name.strip() : null;
    }
}
