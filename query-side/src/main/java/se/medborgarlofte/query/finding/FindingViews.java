package se.medborgarlofte.query.finding;

import com.fasterxml.jackson.annotation.JsonProperty;
import se.medborgarlofte.events.CodeLabels;
import se.medborgarlofte.events.FindingCategory;
import se.medborgarlofte.events.FindingStatus;
import se.medborgarlofte.events.Responsible;
import se.medborgarlofte.query.timeline.FindingFold;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** What the finding endpoints answer: the internal view, the public "Ni sa – vi gjorde" view, the lead times. */
public final class FindingViews {

    private FindingViews() {
    }

    /** A finding with everything recorded about it: internal (may name people, addresses, police matters). */
    public record FindingView(String findingId, String activityId, LocalDate foundOn, String what, String place,
                              FindingCategory category, Responsible responsible, String responsibleName,
                              FindingStatus status, LocalDate doneOn, Long leadTimeDays, List<MeasureView> measures,
                              List<FindingFold.ReportedBack> reportedBack, FindingFold.Publication publication) {
        static FindingView of(FindingFold f) {
            return new FindingView(f.findingId, f.details.activityId().value(), f.foundOn, f.details.what(),
                    f.details.place(), f.details.category(), f.details.responsible(), f.details.responsibleName(),
                    f.status(), f.doneOn(), f.leadTimeDays(), f.measures.entrySet().stream()
                    .map(entry -> MeasureView.of(entry.getKey(), entry.getValue())).toList(),
                    List.copyOf(f.reportedBack), f.publication);
        }

        @JsonProperty("categoryLabel")
        public String categoryLabel() {
            return CodeLabels.category(category);
        }

        @JsonProperty("responsibleLabel")
        public String responsibleLabel() {
            return CodeLabels.responsible(responsible, responsibleName);
        }

        @JsonProperty("statusLabel")
        public String statusLabel() {
            return CodeLabels.findingStatus(status);
        }
    }

    public record MeasureView(String measureId, String what, Responsible responsible, String responsibleName,
                              LocalDate plannedOn, LocalDate doneOn, String whatWasDone, String declineReason) {
        static MeasureView of(String id, FindingFold.Measure m) {
            return new MeasureView(id, m.plan.what(), m.plan.responsible(), m.plan.responsibleName(),
                    m.plan.plannedOn(), m.doneOn, m.whatWasDone, m.declineReason);
        }

        @JsonProperty("responsibleLabel")
        public String responsibleLabel() {
            return CodeLabels.responsible(responsible, responsibleName);
        }
    }

    /**
     * "Ni sa – vi gjorde": a published finding in its public wording only ({@code said}, {@code place},
     * {@code did}), with its category, status and dates. Never the finding's own text, place, notes or people.
     */
    public record PublicFindingView(String findingId, FindingCategory category, LocalDate foundOn, String said,
                                    String place, String did, FindingStatus status, LocalDate doneOn,
                                    LocalDate reportedBackOn) {
        static PublicFindingView of(FindingFold f) {
            return new PublicFindingView(f.findingId, f.details.category(), f.foundOn, f.publication.publicText(),
                    f.publication.publicPlace(), f.publication.publicAction(), f.status(), f.doneOn(),
                    f.reportedBack.stream().map(FindingFold.ReportedBack::reportedOn).max(Comparator.naturalOrder())
                            .orElse(null));
        }

        @JsonProperty("categoryLabel")
        public String categoryLabel() {
            return CodeLabels.category(category);
        }

        @JsonProperty("statusLabel")
        public String statusLabel() {
            return CodeLabels.findingStatus(status);
        }
    }

    /**
     * How long findings take from found to done, in days: {@code median} (the middle value, or the mean of the two
     * middle ones) and {@code p90} (nearest rank: 9 of 10 done findings took at most this long); null with none done.
     */
    public record LeadTimeView(String promiseId, int findings, int open, int done, int declined, Double medianDays,
                               Long p90Days) {
        static LeadTimeView of(String promiseId, List<FindingFold> findings) {
            List<Long> days = findings.stream().map(FindingFold::leadTimeDays).filter(d -> d != null).sorted().toList();
            int n = days.size();
            Double median = n == 0 ? null : n % 2 == 1 ? (double) days.get(n / 2)
                    : (days.get(n / 2 - 1) + days.get(n / 2)) / 2.0;
            Long p90 = n == 0 ? null : days.get((int) Math.ceil(0.9 * n) - 1);
            return new LeadTimeView(promiseId, findings.size(),
                    (int) findings.stream().filter(f -> f.status().isOpen()).count(), n,
                    (int) findings.stream().filter(f -> f.status() == FindingStatus.DECLINED).count(), median, p90);
        }
    }

}
