package se.medborgarlofte.local;

import com.mongodb.client.MongoCollection;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CSV import of the command side ({@code POST /api/promises/{id}/activities/import}, {@code text/csv}, up to
 * 5 MB: the exception to the JSON-only, 64 KB rule): a file imported twice adds nothing; and its own fuzz cases,
 * where a bad file, a bad row or a bad request is refused with a problem detail or reported row by row, never a
 * 5xx, and writes nothing, dry run or not.
 */
class ActivityImportTest {

    static final String HEADER = "kind;occurredOn;place;performedBy;commitmentIds;outcomes.residentsParticipating;notes\n";
    static final String GOOD_ROW = "SAFETY_WALK;2025-03-0%d;Centrum;POLICE;c;12;Lugnt\n";
    static LocalApplication app;
    static MongoCollection<Document> events;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeContainer
    static void start() {
        app = new LocalApplication(TestUsers.inMemory());
        Http admin = new Http(app.commandPort(), "admin");
        java.util.Map<String, Object> promise = CommandFuzzTest.promise("f");
        promise.put("policeArea", TestUsers.POLICE_AREA);
        promise.put("municipalities", List.of(TestUsers.MUNICIPALITY));
        assertThat(admin.post("/api/promises", CommandFuzzTest.toJson(promise)).status()).isEqualTo(201);
        assertThat(admin.post("/api/promises/f/commitments", CommandFuzzTest.toJson(CommandFuzzTest.commitment()))
                .status()).isEqualTo(201);
        events = app.commandSide().getBean(MongoDatabaseFactory.class).getMongoDatabase().getCollection("events");
    }

    @AfterContainer
    static void stop() {
        app.close();
    }

    record Answer(int status, String contentType, JsonNode body) {
    }

    static Answer post(String path, String contentType, byte[] body, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.commandPort() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "-password").getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Answer(response.statusCode(), type, response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer importFile(String csv, boolean dryRun) {
        return post("/api/promises/f/activities/import?dryRun=" + dryRun, "text/csv",
                csv.getBytes(StandardCharsets.UTF_8), "polis");
    }

    @net.jqwik.api.Example
    void aFileImportedTwiceAddsNothingAndTwoEqualRowsAreTwoRecords() {
        String csv = "\uFEFF" + HEADER + GOOD_ROW.formatted(1) + GOOD_ROW.formatted(1) + GOOD_ROW.formatted(2);
        long before = events.countDocuments();
        Answer dry = importFile(csv, true);
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.body().get("ok").asInt()).isEqualTo(3);
        assertThat(dry.body().get("results").get(0).get("identicalTo").get(0).asInt()).isEqualTo(2);
        assertThat(events.countDocuments()).as("a dry run writes nothing").isEqualTo(before);

        Answer first = importFile(csv, false);
        assertThat(first.body().get("ok").asInt()).isEqualTo(3);
        assertThat(events.countDocuments()).isEqualTo(before + 3);
        List<String> ids = first.body().get("results").valueStream().map(r -> r.get("activityId").asString()).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.startsWith("import-"));

        Answer second = importFile(csv.replace(";", ",").replace("Lugnt", "Lugnt"), false);
        assertThat(second.body().get("ok").asInt()).as("another file (commas): other ids").isEqualTo(3);
        Answer again = importFile(csv, false);
        assertThat(again.body().get("ok").asInt()).isZero();
        assertThat(again.body().get("alreadyRecorded").asInt()).isEqualTo(3);
        assertThat(events.countDocuments()).as("the same file again adds nothing").isEqualTo(before + 6);
        await().atMost(Duration.ofSeconds(10)).until(() -> new Http(app.queryPort()).get("/api/promises/f/activities")
                .raw().split("\"activityId\"").length - 1 >= 6);
    }

    /** One way to break an import; every one is refused or reported, and nothing is written. */
    enum Breakage {
        GARBAGE_BYTES, NOT_UTF8, UNKNOWN_COLUMN, MISSING_COLUMN, BAD_DATE, BAD_CODE, BAD_OUTCOME, TOO_LONG_PLACE,
        BAD_ID, OUTSIDE_PERIOD, UNKNOWN_COMMITMENT, WRONG_SIDE, WRONG_CONTENT_TYPE, TOO_LARGE, UNKNOWN_PROMISE,
        ANONYMOUS, VIEWER
    }

    record Attack(Breakage breakage, boolean dryRun, String noise, int n) {
    }

    @Provide
    Arbitrary<Attack> attacks() {
        return Combinators.combine(Arbitraries.of(Breakage.class), Arbitraries.of(true, false),
                Arbitraries.strings().all().ofMaxLength(40), Arbitraries.integers().between(0, 1000)).as(Attack::new);
    }

    @Property(tries = 300)
    void everyBadImportIsRefusedOrReportedRowByRowAndWritesNothing(@ForAll("attacks") Attack attack) {
        long before = events.countDocuments();
        String row = GOOD_ROW.formatted(1 + attack.n() % 9);
        String clean = attack.noise().replaceAll("[;,\"\\r\\n]", "");
        String path = "/api/promises/f/activities/import?dryRun=" + attack.dryRun();
        String type = "text/csv";
        String user = "polis";
        byte[] body = switch (attack.breakage()) {
            case GARBAGE_BYTES -> attack.noise().getBytes(StandardCharsets.UTF_16);
            case NOT_UTF8 -> new byte[]{(byte) 0xC3, (byte) 0x28, ';', '\n'};
            case UNKNOWN_COLUMN -> (HEADER.replace("notes", "x" + attack.n()) + row).getBytes(StandardCharsets.UTF_8);
            case MISSING_COLUMN -> (HEADER.replace("place;", "") + row).getBytes(StandardCharsets.UTF_8);
            case BAD_DATE -> (HEADER + row.replace("2025-03-0", "2025-13-0")).getBytes(StandardCharsets.UTF_8);
            case BAD_CODE -> (HEADER + row.replace("SAFETY_WALK", "PICNIC" + clean)).getBytes(StandardCharsets.UTF_8);
            case BAD_OUTCOME -> (HEADER + row.replace(";12;", ";-" + attack.n() + ";")).getBytes(StandardCharsets.UTF_8);
            case TOO_LONG_PLACE -> (HEADER + row.replace("Centrum", "x".repeat(301 + attack.n())))
                    .getBytes(StandardCharsets.UTF_8);
            case BAD_ID -> ("activityId;" + HEADER + "-" + clean + " !;" + row).getBytes(StandardCharsets.UTF_8);
            case OUTSIDE_PERIOD -> (HEADER + row.replace("2025-03-0", "2024-03-0")).getBytes(StandardCharsets.UTF_8);
            case UNKNOWN_COMMITMENT -> (HEADER + row.replace(";c;", ";okänt;")).getBytes(StandardCharsets.UTF_8);
            case WRONG_SIDE -> {
                user = "kommun";
                yield (HEADER + row.replace("POLICE", "MUNICIPALITY")).getBytes(StandardCharsets.UTF_8);
            }
            case WRONG_CONTENT_TYPE -> {
                type = List.of("application/json", "application/xml", "multipart/form-data").get(attack.n() % 3);
                yield (HEADER + row).getBytes(StandardCharsets.UTF_8);
            }
            case TOO_LARGE -> (HEADER + ("SAFETY_WALK;2025-03-01;" + "x".repeat(1000) + ";POLICE;c;1;\n").repeat(5300))
                    .getBytes(StandardCharsets.UTF_8);
            case UNKNOWN_PROMISE -> {
                path = path.replace("/f/", "/okant-" + attack.n() + "/");
                yield (HEADER + row).getBytes(StandardCharsets.UTF_8);
            }
            case ANONYMOUS -> {
                user = null;
                yield (HEADER + row).getBytes(StandardCharsets.UTF_8);
            }
            case VIEWER -> {
                user = "lasare";
                yield (HEADER + row).getBytes(StandardCharsets.UTF_8);
            }
        };

        Answer answer = post(path, type, body, user);

        if (answer.status() == 200) {
            assertThat(answer.body().get("invalid").asInt()).as("%s: every row reported as wrong", attack)
                    .isEqualTo(answer.body().get("rows").asInt());
            answer.body().get("results").valueStream().forEach(result -> {
                assertThat(result.get("status").asString()).isEqualTo("INVALID");
                assertThat(result.get("message").asString()).isNotBlank();
            });
        } else {
            assertThat(answer.status()).as("%s -> %s", attack, answer.body()).isBetween(400, 499);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().get("detail").asString()).isNotBlank();
        }
        assertThat(events.countDocuments()).as("nothing written for %s", attack).isEqualTo(before);
    }
}
