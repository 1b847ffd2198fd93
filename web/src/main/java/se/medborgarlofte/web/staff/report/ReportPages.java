package se.medborgarlofte.web.staff.report;

import org.springframework.stereotype.Component;
import se.medborgarlofte.web.WebApplication;
import se.medborgarlofte.web.api.QueryClient;
import se.medborgarlofte.web.api.QueryViews;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.SwedishFormat;
import se.medborgarlofte.web.staff.api.StaffApi;
import se.medborgarlofte.web.staff.api.StaffViews;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the {@link BraReport} from the query side (signed in: the history is internal; the anchor is public). */
@Component
class ReportPages {

    private final StaffApi api;
    private final QueryClient query;
    private final Messages messages;

    ReportPages(StaffApi api, QueryClient query, Messages messages) {
        this.api = api;
        this.query = query;
        this.messages = messages;
    }

    BraReport report(String promiseId, LocalDate asOf, LocalDate since) {
        StaffViews.Promise promise = api.promise(promiseId);
        QueryViews.Progress progress = api.progress(promiseId, asOf);
        Map<String, StaffViews.Commitment> commitments = promise.commitments().stream()
                .collect(Collectors.toMap(StaffViews.Commitment::commitmentId, Function.identity()));
        List<BraReport.Row> rows = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (QueryViews.CommitmentProgress p : progress.commitments()) {
            StaffViews.Commitment c = commitments.get(p.commitmentId());
            String title = c == null ? p.commitmentId() : c.title();
            rows.add(new BraReport.Row(title, c == null ? "" : c.ownerLabel(), p.done(), p.target(), p.statusLabel(),
                    p.target() == null ? null : p.forecast()));
            if ("BEHIND".equals(p.status()) || "NOT_STARTED".equals(p.status())) {
                open.add(messages.get("report.open.status", title, p.statusLabel()));
            } else if (p.target() == null && p.latestAssessment() == null) {
                open.add(messages.get("report.open.unassessed", title));
            }
        }
        // the assessments made by the report's date, as its figures are (one dated later belongs to a later report)
        List<BraReport.Assessment> assessments = promise.active().stream()
                .flatMap(c -> c.assessments().stream().filter(a -> !a.assessedOn().isAfter(progress.asOf()))
                        .map(a -> new BraReport.Assessment(c.title(), SwedishFormat.date(a.assessedOn()),
                                a.statusLabel(), a.rationale())))
                .toList();
        List<BraReport.Change> changes = since == null ? List.of() : api.history(promiseId, since).stream()
                .sorted(Comparator.comparing(StaffViews.Change::recordedAt))
                .map(h -> new BraReport.Change(SwedishFormat.date(h.recordedAt().atZone(WebApplication.SWEDEN)
                        .toLocalDate()), h.summary(), h.reason() == null ? "" : h.reason()))
                .toList();
        return new BraReport(promise.promiseId(), promise.title(),
                SwedishFormat.period(promise.validFrom(), promise.validTo()), SwedishFormat.date(progress.asOf()),
                progress.asOf().toString(), since == null ? null : SwedishFormat.date(since),
                since == null ? null : since.toString(), rows, changes, assessments, open,
                query.latestAnchor().map(a -> new BraReport.Anchor(SwedishFormat.date(a.day()), a.anchor(),
                        a.promises())).orElse(null));
    }
}
