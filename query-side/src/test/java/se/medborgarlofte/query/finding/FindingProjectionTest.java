package se.medborgarlofte.query.finding;

import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.medborgarlofte.events.ActivityId;
import se.medborgarlofte.events.FindingCategory;
import se.medborgarlofte.events.FindingDetails;
import se.medborgarlofte.events.FindingId;
import se.medborgarlofte.events.FindingStatus;
import se.medborgarlofte.events.MeasureId;
import se.medborgarlofte.events.MeasurePlan;
import se.medborgarlofte.events.PromiseEvent.FindingPublished;
import se.medborgarlofte.events.PromiseEvent.FindingRecorded;
import se.medborgarlofte.events.PromiseEvent.MeasureCompleted;
import se.medborgarlofte.events.PromiseEvent.MeasureDeclined;
import se.medborgarlofte.events.PromiseEvent.MeasurePlanned;
import se.medborgarlofte.events.PromiseId;
import se.medborgarlofte.events.Responsible;
import se.medborgarlofte.query.ProjectionTestSupport;
import se.medborgarlofte.query.finding.FindingViews.LeadTimeView;
import se.medborgarlofte.query.finding.FindingViews.PublicFindingView;
import se.medborgarlofte.query.timeline.FindingFold;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FindingProjectionTest {

    final ProjectionTestSupport support = new ProjectionTestSupport();
    final FindingRepository repository = support.repository(FindingRepository.class);
    final FindingProjection projection = new FindingProjection(support.mongo, null);
    final PromiseId promise = new PromiseId("p1");
    final Instant now = Instant.parse("2025-03-01T10:00:00Z");
    static final LocalDate FOUND = LocalDate.of(2025, 3, 1);

    @AfterEach
    void close() {
        support.close();
    }

    FindingRecorded found(String id) {
        return new FindingRecorded(promise, new FindingId(id), new FindingDetails(new ActivityId("walk"),
                "Mörk gång bakom Storgatan 5, Kalle Anka bor där", "Storgatan 5", FindingCategory.LIGHTING,
                Responsible.MUNICIPALITY, null), FOUND);
    }

    MeasurePlanned planned(String finding, String measure) {
        return new MeasurePlanned(promise, new FindingId(finding), new MeasureId(measure),
                new MeasurePlan("Nya lampor", Responsible.MUNICIPALITY, null, FOUND.plusDays(7)));
    }

    MeasureCompleted done(String finding, String measure, int days) {
        return new MeasureCompleted(promise, new FindingId(finding), new MeasureId(measure), FOUND.plusDays(days),
                "Elektriker Nilsson bytte lamporna");
    }

    List<FindingFold> folded() {
        return repository.findByPromiseId("p1").stream().map(d -> d.finding).toList();
    }

    @Test
    void eventsDeliveredTwiceAreAppliedOnce() {
        projection.on(found("f1"), 4, now);
        projection.on(planned("f1", "m1"), 5, now);
        projection.on(found("f1"), 4, now);
        projection.on(planned("f1", "m1"), 5, now);
        projection.on(done("f1", "m1", 10), 6, now);
        projection.on(done("f1", "m1", 10), 6, now);

        assertThat(folded()).singleElement().satisfies(f -> {
            assertThat(f.measures).hasSize(1);
            assertThat(f.status()).isEqualTo(FindingStatus.DONE);
            assertThat(f.leadTimeDays()).isEqualTo(10);
        });
    }

    @Test
    void aFindingIsDoneWhenEveryMeasureIsSettledAndOneWasCarriedOut() {
        projection.on(found("f1"), 1, now);
        assertThat(folded().get(0).status()).isEqualTo(FindingStatus.OPEN);
        projection.on(planned("f1", "m1"), 2, now);
        projection.on(planned("f1", "m2"), 3, now);
        projection.on(done("f1", "m1", 3), 4, now);
        assertThat(folded().get(0).status()).isEqualTo(FindingStatus.PLANNED);
        projection.on(new MeasureDeclined(promise, new FindingId("f1"), new MeasureId("m2"), "Inte vår mark"), 5, now);
        assertThat(folded().get(0).status()).isEqualTo(FindingStatus.DONE);
        assertThat(folded().get(0).doneOn()).isEqualTo(FOUND.plusDays(3));
    }

    @Test
    void leadTimeGivesTheMedianAndTheNinetiethPercentileOfDoneFindings() {
        // ten findings done after 1..10 days, one still open
        IntStream.rangeClosed(1, 10).forEach(i -> {
            projection.on(found("f" + i), i * 10L, now);
            projection.on(planned("f" + i, "m"), i * 10L + 1, now);
            projection.on(done("f" + i, "m", i), i * 10L + 2, now);
        });
        projection.on(found("open"), 200, now);

        LeadTimeView leadTime = LeadTimeView.of("p1", folded());
        assertThat(leadTime.findings()).isEqualTo(11);
        assertThat(leadTime.open()).isEqualTo(1);
        assertThat(leadTime.done()).isEqualTo(10);
        assertThat(leadTime.medianDays()).isEqualTo(5.5);
        assertThat(leadTime.p90Days()).isEqualTo(9);
        assertThat(LeadTimeView.of("p1", List.of()).medianDays()).isNull();
    }

    @Test
    void thePublicViewCarriesOnlyThePublishedWording() {
        projection.on(found("f1"), 1, now);
        projection.on(planned("f1", "m1"), 2, now);
        projection.on(done("f1", "m1", 4), 3, now);
        projection.on(new FindingPublished(promise, new FindingId("f1"), "Det var mörkt på gångvägen", "Centrum",
                "Ny belysning är uppsatt"), 4, now);

        String json = JsonMapper.builder().build()
                .writeValueAsString(PublicFindingView.of(folded().get(0)));
        assertThat(json).contains("Det var mörkt på gångvägen", "Centrum", "Ny belysning är uppsatt", "Belysning")
                .doesNotContain("Storgatan", "Kalle", "Nilsson", "Nya lampor");
    }
}
