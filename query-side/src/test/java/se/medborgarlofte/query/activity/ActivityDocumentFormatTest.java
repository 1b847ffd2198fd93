package se.medborgarlofte.query.activity;

import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import se.medborgarlofte.events.ActivityKind;
import se.medborgarlofte.events.Party;
import se.medborgarlofte.query.ProjectionTestSupport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The activity log's own stored form is the one Spring Data's converter gives (the log's queries, the export and the
 * tally backfill read the documents through the converter): written the same, and read back the same, whatever the
 * machine's time zone.
 */
class ActivityDocumentFormatTest {

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Stockholm", "America/Los_Angeles"})
    void storesAndReadsAnActivityAsSpringDataDoes(String zone) {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (ProjectionTestSupport support = new ProjectionTestSupport()) {
            MongoConverter converter = support.mongo.getConverter();
            for (ActivityDocument activity : activities()) {
                Document bySpring = new Document();
                converter.write(activity, bySpring);
                Document ours = ActivityDocumentFormat.toStored(activity);

                assertThat(ours).isEqualTo(bySpring);
                assertThat(new ArrayList<>(ours.keySet())).isEqualTo(new ArrayList<>(bySpring.keySet()));
                assertThat(ActivityDocumentFormat.read(bySpring)).usingRecursiveComparison()
                        .isEqualTo(converter.read(ActivityDocument.class, bySpring));
                assertThat(converter.read(ActivityDocument.class, ours)).usingRecursiveComparison()
                        .isEqualTo(activity);
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    /** One with every field, one as recorded by the fewest, one corrected and retracted, one with nothing set. */
    private static List<ActivityDocument> activities() {
        ActivityDocument full = new ActivityDocument();
        full.id = "p1/a1";
        full.promiseId = "p1";
        full.activityId = "a1";
        full.kind = ActivityKind.TRAFFIC_CONTROL;
        full.occurredOn = LocalDate.of(2026, 3, 29);
        full.place = "Storgatan 4, Gnosjö";
        full.performedBy = Party.JOINT;
        full.commitmentIds = List.of("c1", "c2");
        full.participants = List.of("Anna Öberg", "Åke Ärlig");
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        outcomes.put("vehiclesChecked", 42);
        outcomes.put("rattfylleri", 0);
        full.outcomes = outcomes;
        full.notes = "Kontroll vid skolan; två förare varnades.";
        full.municipality = "Gnosjö";
        full.publicPlace = "Centrum";
        full.causedBy = "f1";
        full.completes = true;
        full.example = true;
        full.recordedAt = Instant.parse("2026-03-29T22:30:00.123Z");
        full.recordedBy = "anna";
        full.lastChangedAt = Instant.parse("2026-03-30T00:00:00Z");
        full.lastSequence = 17;

        ActivityDocument fewest = new ActivityDocument();
        fewest.id = "p2/a9";
        fewest.promiseId = "p2";
        fewest.activityId = "a9";
        fewest.kind = ActivityKind.SCHOOL_VISIT;
        fewest.occurredOn = LocalDate.of(2025, 10, 26);
        fewest.performedBy = Party.POLICE;
        fewest.commitmentIds = List.of();
        fewest.participants = List.of();
        fewest.outcomes = Map.of();
        fewest.recordedAt = Instant.parse("2025-10-26T01:59:59Z");
        fewest.lastChangedAt = fewest.recordedAt;
        fewest.lastSequence = 0;

        ActivityDocument retracted = new ActivityDocument();
        retracted.id = "p2/a10";
        retracted.promiseId = "p2";
        retracted.activityId = "a10";
        retracted.kind = ActivityKind.SAFETY_WALK;
        retracted.occurredOn = LocalDate.of(2024, 2, 29);
        retracted.performedBy = Party.MUNICIPALITY;
        retracted.commitmentIds = List.of("c3");
        retracted.participants = List.of("Lena");
        retracted.retracted = true;
        retracted.retractionReason = "Registrerad två gånger";
        retracted.corrections = 3;
        retracted.lastSequence = 4_000_000_000L;

        return List.of(full, fewest, retracted, new ActivityDocument());
    }
}
