package se.medborgarlofte.web.promise;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import se.medborgarlofte.web.api.QueryViews.Activity;
import se.medborgarlofte.web.api.QueryViews.Assessment;
import se.medborgarlofte.web.api.QueryViews.Commitment;
import se.medborgarlofte.web.api.QueryViews.CommitmentProgress;
import se.medborgarlofte.web.api.QueryViews.FocusArea;
import se.medborgarlofte.web.api.QueryViews.MonthProgress;
import se.medborgarlofte.web.api.QueryViews.Progress;
import se.medborgarlofte.web.api.QueryViews.Promise;
import se.medborgarlofte.web.api.QueryViews.RollUp;
import se.medborgarlofte.web.api.QueryViews.Signatory;
import se.medborgarlofte.web.page.Messages;
import se.medborgarlofte.web.page.ProgressWords;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The promise page's view model: what is marked as assumed or as example, and the words and figures it shows. */
class PromisePagesTest {

    static final Messages MESSAGES = messages();
    final PromisePages pages = new PromisePages(MESSAGES, new ProgressWords(MESSAGES));

    @Test
    void whatTheDataMarksAsAssumedIsShownAsAssumed() {
        Promise promise = promise(List.of("signatories", "validTo"), "ASSUMED");
        PromisePage page = pages.page(promise, progress(), List.of(), null);
        assertThat(page.assumedSignatories()).isTrue();
        assertThat(page.assumedPeriod()).isTrue();
        assertThat(page.assumedSignedOn()).isFalse();
        assertThat(page.commitments().get(0).assumedTarget()).isTrue();
    }

    @Test
    void theTotalSetsAgainstTheTargetsOnlyWhatCountsTowardsThem() {
        RollUp total = new RollUp(2, 2, 30, 30, 22, 24.0, "BEHIND", "efter plan", Map.of("ACHIEVED", 1, "BEHIND", 1));
        ProgressWords.Total words = new ProgressWords(MESSAGES).total(total);
        assertThat(words.bar().text()).as("an over-achieved commitment does not make up for one behind")
                .isEqualTo("22 av 30 utlovade insatser gjorda");
        assertThat(words.bar().percent()).isEqualTo(73);
    }

    @Test
    void nothingIsMarkedAssumedWhereTheDataSaysNothing() {
        PromisePage page = pages.page(promise(null, null), progress(), List.of(), null);
        assertThat(page.assumedSignatories()).isFalse();
        assertThat(page.assumedPeriod()).isFalse();
        assertThat(page.commitments().get(0).assumedTarget()).isFalse();
    }

    @Test
    void aCommitmentReadsInSwedishWithItsBarItsPaceAndItsLatestActivities() {
        List<Activity> activities = List.of(
                new Activity("a2", "TRAFFIC_CONTROL", "Trafikkontroll", LocalDate.of(2025, 3, 2), "Storgatan",
                        "POLICE", "Polisen", List.of("c1"), true, null, null),
                new Activity("a1", "TRAFFIC_CONTROL", "Trafikkontroll", LocalDate.of(2025, 2, 2), "Ringvägen",
                        "POLICE", "Polisen", List.of("c1"), false, null, null));
        PromisePage page = pages.page(promise(null, null), progress(), activities, LocalDate.of(2025, 3, 31));
        PromisePage.CommitmentSection section = page.commitments().get(0);
        assertThat(section.bar().text()).isEqualTo("2 av 12 gjorda");
        assertThat(section.bar().percent()).isEqualTo(17);
        assertThat(section.bar().expectedPercent()).isEqualTo(25);
        assertThat(section.status().word()).isEqualTo("Efter plan");
        assertThat(section.pace()).isEqualTo("Förväntat hittills enligt planen: 3. Prognos vid periodens slut: 8.");
        assertThat(section.owner()).isEqualTo("Polisen");
        assertThat(section.focusArea()).isEqualTo("Trafik");
        assertThat(section.activities()).extracting(PromisePage.ActivityLine::date)
                .containsExactly("2 mars 2025", "2 februari 2025");
        assertThat(page.hasExamples()).isTrue();
        assertThat(page.asOf()).isEqualTo("31 mars 2025");
        assertThat(page.asOfGiven()).isTrue();
        assertThat(page.lastUpdated()).isEqualTo("1 april 2025");
        assertThat(section.chart().rows()).hasSize(12);
        assertThat(section.chart().rows().get(2)).isEqualTo(new MonthlyChart.Row("Mars 2025", "1", "2", "3"));
        assertThat(section.chart().rows().get(3).done()).isEqualTo("–");
        assertThat(section.chart().expectedLine()).isNotEmpty();
    }

    private static Promise promise(List<String> assumedFields, String targetSource) {
        return new Promise("p", 3, "Medborgarlöfte Testby 2025", List.of("Testby"), "Lokalpolisområde Testby",
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), LocalDate.of(2025, 1, 1),
                List.of(new Signatory("Kim", "Ordförande", "MUNICIPALITY")), "Vi lovar.", List.of("Statistik"),
                "Varje månad.", List.of(new FocusArea("TRAFFIC", "Trafik")), false, null, null, null,
                List.of(new Commitment("c1", "Trafikkontroller", "Kontroller vid skolor.", "POLICE", "Polisen",
                        "TRAFFIC", List.of("Trafikkontroll"), 12, targetSource, false, List.of())), assumedFields);
    }

    private static Progress progress() {
        List<MonthProgress> months = new java.util.ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            boolean past = month <= 3;
            months.add(new MonthProgress(YearMonth.of(2025, month), past ? (month == 1 ? 0 : 1) : null,
                    past ? Math.max(0, month - 1) : null, (double) month));
        }
        return new Progress("p", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), LocalDate.of(2025, 3, 31), false,
                List.of(new CommitmentProgress("c1", 12, 2, 3.0, "BEHIND", "efter plan", 8, months,
                        (Assessment) null)),
                new RollUp(1, 1, 12, 2, 2, 3.0, "BEHIND", "efter plan", Map.of("BEHIND", 1)), 9L,
                Instant.parse("2025-04-01T08:00:00Z"));
    }

    private static Messages messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("web-messages", "se/medborgarlofte/events/labels");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return new Messages(source);
    }
}
