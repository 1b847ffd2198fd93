package se.medborgarlofte.web.promise;

import org.springframework.stereotype.Component;
import se.medborgarlofte.web.WebApplication;
import se.medborgarlofte.web.api.QueryViews.Activity;
import se.medborgarlofte.web.api.QueryViews.Commitment;
import se.medborgarlofte.web.api.QueryViews.CommitmentProgress;
import se.medborgarlofte.web.api.QueryViews.FocusArea;
import se.medborgarlofte.web.api.QueryViews.Progress;
import se.medborgarlofte.web.api.QueryViews.Promise;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.ProgressWords;
import se.medborgarlofte.web.page.StatusView;
import se.medborgarlofte.web.page.SwedishFormat;
import se.medborgarlofte.web.promise.PromisePage.ActivityLine;
import se.medborgarlofte.web.promise.PromisePage.AssessmentLine;
import se.medborgarlofte.web.promise.PromisePage.CommitmentSection;
import se.medborgarlofte.web.promise.PromisePage.SignatoryLine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds a promise page's view model from the promise, its progress at a date and its public activity log. */
@Component
class PromisePages {

    static final int LATEST_ACTIVITIES = 3;

    private final Messages messages;
    private final ProgressWords words;

    PromisePages(Messages messages, ProgressWords words) {
        this.messages = messages;
        this.words = words;
    }

    PromisePage page(Promise promise, Progress progress, List<Activity> activities, LocalDate asOf) {
        String url = "/loften/" + promise.promiseId();
        Map<String, CommitmentProgress> byId = progress.commitments().stream()
                .collect(Collectors.toMap(CommitmentProgress::commitmentId, Function.identity(), (a, b) -> a));
        Map<String, String> focusAreas = promise.focusAreas() == null ? Map.of() : promise.focusAreas().stream()
                .collect(Collectors.toMap(FocusArea::code, FocusArea::title, (a, b) -> a));
        List<CommitmentSection> sections = promise.commitments().stream()
                .filter(c -> !c.withdrawn() && byId.containsKey(c.commitmentId()))
                .map(c -> section(url, c, byId.get(c.commitmentId()), focusAreas, activities))
                .toList();
        List<String> assumed = promise.assumedFields();
        String lastUpdated = progress.lastChangedAt() == null ? null
                : SwedishFormat.date(LocalDate.ofInstant(progress.lastChangedAt(), WebApplication.SWEDEN));
        return new PromisePage(promise.promiseId(), url, promise.title(),
                SwedishFormat.period(promise.validFrom(), promise.validTo()),
                assumed.contains("validFrom") || assumed.contains("validTo"),
                String.join(", ", promise.municipalities()), promise.policeArea(), assumed.contains("policeArea"),
                SwedishFormat.date(promise.signedOn()), assumed.contains("signedOn"),
                promise.signatories() == null ? List.of() : promise.signatories().stream()
                        .map(s -> new SignatoryLine(s.name(), s.role(), messages.get("side." + s.side()))).toList(),
                assumed.contains("signatories"), promise.statement(), nonNull(promise.situationSources()),
                promise.followUp(), promise.focusAreas() == null ? List.of()
                        : promise.focusAreas().stream().map(FocusArea::title).toList(),
                promise.closed() ? messages.get("promise.closedOn", SwedishFormat.date(promise.closedOn())) : null,
                promise.closingSummary(), lastUpdated, SwedishFormat.date(progress.asOf()),
                Objects.toString(progress.asOf(), ""), asOf != null,
                activities.stream().anyMatch(Activity::example), words.total(progress.total()), sections,
                url + "/aktiviteter", url + "/flode.atom");
    }

    private CommitmentSection section(String url, Commitment commitment, CommitmentProgress progress,
                                      Map<String, String> focusAreas, List<Activity> activities) {
        boolean hasTarget = progress.target() != null;
        String pace = ShapeWords.pace(messages, progress);
        List<ActivityLine> latest = activities.stream()
                .filter(a -> a.commitmentIds() != null && a.commitmentIds().contains(commitment.commitmentId()))
                .limit(LATEST_ACTIVITIES)
                .map(PromisePages::line)
                .toList();
        AssessmentLine assessment = progress.latestAssessment() == null ? null
                : new AssessmentLine(SwedishFormat.date(progress.latestAssessment().assessedOn()),
                StatusView.of(progress.latestAssessment().status(), progress.latestAssessment().statusLabel()),
                progress.latestAssessment().rationale());
        String chartHeading = messages.get(hasTarget ? "chart.cumulative" : "chart.monthly");
        MonthlyChart chart = MonthlyChart.of(nonNull(progress.months()), hasTarget,
                chartHeading + " – " + commitment.title() + ". " + messages.get("chart.tableHint"));
        return new CommitmentSection("atagande-" + commitment.commitmentId(), commitment.title(),
                commitment.description(), commitment.ownerLabel(),
                focusAreas.getOrDefault(commitment.focusArea(), commitment.focusArea()), hasTarget,
                hasTarget ? progress.target().toString() : null, "ASSUMED".equals(commitment.targetSource()),
                hasTarget ? ShapeWords.bar(messages, words, progress) : null,
                StatusView.of(progress.status(), progress.statusLabel()), pace,
                String.join(", ", nonNull(commitment.countedKindLabels())), chart, chartHeading, assessment, latest,
                url + "/aktiviteter?atagande=" + commitment.commitmentId(),
                commitment.shapeLabel() == null ? null : SwedishFormat.capitalized(commitment.shapeLabel()),
                !hasTarget && "COUNT".equals(progress.shape()) ? messages.get("commitment.noTarget") : null);
    }

    static ActivityLine line(Activity activity) {
        return new ActivityLine(SwedishFormat.date(activity.occurredOn()), activity.kindLabel(), activity.place(),
                activity.performedByLabel(), activity.example());
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
