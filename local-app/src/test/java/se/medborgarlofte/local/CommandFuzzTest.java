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
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of generated bad requests to every command endpoint (bodies broken in one way or another, odd
 * headers, odd path values), sent by an administrator so that they get past sign-in: never a 5xx, always a problem
 * detail, and the event store holds exactly what it held before.
 */
class CommandFuzzTest {

    static LocalApplication app;
    static Http admin;
    static MongoCollection<Document> events;
    static long storedBefore;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeContainer
    static void start() {
        app = new LocalApplication(TestUsers.inMemory());
        admin = new Http(app.commandPort(), "admin");
        assertThat(admin.post("/api/promises", toJson(promise("f"))).status()).isEqualTo(201);
        assertThat(admin.post("/api/promises/f/commitments", toJson(commitment())).status()).isEqualTo(201);
        assertThat(admin.post("/api/promises/f/activities", toJson(activity("a"))).status()).isEqualTo(201);
        assertThat(admin.post("/api/promises/f/findings", toJson(finding("fd"))).status()).isEqualTo(201);
        assertThat(admin.post("/api/promises/f/findings/fd/measures", toJson(measure("m"))).status()).isEqualTo(201);
        events = app.commandSide().getBean(MongoDatabaseFactory.class).getMongoDatabase().getCollection("events");
        storedBefore = events.countDocuments();
        await().atMost(Duration.ofSeconds(10)).until(() -> storedBefore == 5);
    }

    @AfterContainer
    static void stop() {
        app.close();
    }

    /** A command endpoint: its path, a valid body, and which top-level fields it can't do without. */
    enum Endpoint {
        SIGN("/api/promises", List.of("title", "municipalities", "policeArea", "validFrom", "validTo", "signedOn",
                "signatories", "statement", "focusAreas")),
        AMEND("/api/promises/{p}/amendment", List.of("title", "municipalities", "policeArea", "validFrom", "validTo",
                "signedOn", "signatories", "statement", "focusAreas", "reason")),
        CLOSE("/api/promises/{p}/closure", List.of("closedOn")),
        ADD_COMMITMENT("/api/promises/{p}/commitments", List.of("title", "owner", "focusArea", "countedKinds")),
        REVISE("/api/promises/{p}/commitments/c/revision", List.of("title", "owner", "focusArea", "countedKinds", "reason")),
        WITHDRAW("/api/promises/{p}/commitments/c/withdrawal", List.of("reason")),
        ASSESS("/api/promises/{p}/commitments/c/assessments", List.of("assessedOn", "status", "rationale")),
        RECORD("/api/promises/{p}/activities", List.of("activityId", "kind", "occurredOn", "place", "performedBy",
                "commitmentIds")),
        CORRECT("/api/promises/{p}/activities/a/correction", List.of("reason")),
        RETRACT("/api/promises/{p}/activities/a/retraction", List.of("reason")),
        RECORD_FINDING("/api/promises/{p}/findings", List.of("findingId", "activityId", "what", "place", "category",
                "responsible")),
        PLAN_MEASURE("/api/promises/{p}/findings/fd/measures", List.of("measureId", "what", "responsible", "plannedOn")),
        COMPLETE_MEASURE("/api/promises/{p}/findings/fd/measures/m/completion", List.of("doneOn", "whatWasDone")),
        DECLINE_MEASURE("/api/promises/{p}/findings/fd/measures/m/declination", List.of("reason")),
        REPORT_BACK("/api/promises/{p}/findings/fd/report-backs", List.of("reportedOn", "how")),
        PUBLISH("/api/promises/{p}/findings/fd/publication", List.of("publicText", "publicPlace")),
        UNPUBLISH("/api/promises/{p}/findings/fd/publication/withdrawal", List.of("reason")),
        RENEW("/api/promises/{p}/renewal", List.of("promise", "commitments"));

        final String path;
        final List<String> required;

        Endpoint(String path, List<String> required) {
            this.path = path;
            this.required = required;
        }

        /** A body this endpoint would accept (changed enough to be new), before it is broken. */
        Map<String, Object> validBody(int n) {
            return switch (this) {
                case SIGN -> promise("fuzz-" + n);
                case AMEND -> {
                    Map<String, Object> body = promise("f");
                    body.put("statement", "Ny lydelse " + n);
                    body.put("reason", "Ändring");
                    yield body;
                }
                case CLOSE -> new LinkedHashMap<>(Map.of("closedOn", "2025-06-01", "summary", "Klart"));
                case ADD_COMMITMENT -> {
                    Map<String, Object> body = commitment();
                    body.put("commitmentId", "c" + n);
                    yield body;
                }
                case REVISE -> {
                    Map<String, Object> body = commitment();
                    body.remove("commitmentId");
                    body.put("target", 10 + n % 50);
                    body.put("reason", "Nytt mål");
                    yield body;
                }
                case WITHDRAW, RETRACT, DECLINE_MEASURE, UNPUBLISH -> new LinkedHashMap<>(Map.of("reason", "Skäl " + n));
                case RECORD_FINDING -> finding("fynd" + n);
                case PLAN_MEASURE -> measure("m" + n);
                case COMPLETE_MEASURE -> new LinkedHashMap<>(Map.of("doneOn", "2025-03-05", "whatWasDone", "Klart " + n));
                case REPORT_BACK -> new LinkedHashMap<>(Map.of("reportedOn", "2025-03-10", "how", "Anslag " + n));
                case PUBLISH -> new LinkedHashMap<>(Map.of("publicText", "Mörkt " + n, "publicPlace", "Centrum",
                        "publicAction", "Nya lampor"));
                case RENEW -> {
                    Map<String, Object> promise = promise("fuzz-renewed-" + n);
                    promise.put("validFrom", "2026-01-01");
                    promise.put("validTo", "2026-12-31");
                    promise.put("signedOn", "2025-12-01");
                    yield new LinkedHashMap<>(Map.of("promise", promise, "commitments", List.of(Map.of("from", "c"))));
                }
                case ASSESS -> new LinkedHashMap<>(Map.of("assessedOn", "2025-03-01", "status", "ON_TRACK",
                        "rationale", "Bedömning " + n));
                case RECORD -> activity("r" + n);
                case CORRECT -> new LinkedHashMap<>(Map.of("place", "Torget " + n, "reason", "Fel plats"));
            };
        }
    }

    static Map<String, Object> promise(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("promiseId", id);
        body.put("title", "Medborgarlöfte Fuzzby");
        body.put("municipalities", List.of("Fuzzby"));
        body.put("policeArea", "Lokalpolisområde Fuzzby");
        body.put("validFrom", "2025-01-01");
        body.put("validTo", "2025-12-31");
        body.put("signedOn", "2024-12-01");
        body.put("signatories", List.of(Map.of("name", "Eva", "role", "KSO", "side", "MUNICIPALITY")));
        body.put("statement", "Vi lovar");
        body.put("focusAreas", List.of(Map.of("code", "SAFETY", "title", "Trygghet")));
        return body;
    }

    static Map<String, Object> commitment() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commitmentId", "c");
        body.put("title", "Trygghetsvandringar");
        body.put("owner", "POLICE");
        body.put("focusArea", "SAFETY");
        body.put("countedKinds", List.of("SAFETY_WALK"));
        body.put("target", 6);
        return body;
    }

    static Map<String, Object> activity(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activityId", id);
        body.put("kind", "SAFETY_WALK");
        body.put("occurredOn", "2025-03-01");
        body.put("place", "Centrum");
        body.put("performedBy", "POLICE");
        body.put("commitmentIds", List.of("c"));
        body.put("participants", List.of("Kommunpolis"));
        body.put("outcomes", new LinkedHashMap<>(Map.of("residentsParticipating", 12)));
        body.put("notes", "Lugnt");
        return body;
    }

    static Map<String, Object> finding(String id) {
        return new LinkedHashMap<>(Map.of("findingId", id, "activityId", "a", "what", "Trasig lampa vid skolan",
                "place", "Skolvägen 3", "category", "LIGHTING", "responsible", "MUNICIPALITY"));
    }

    static Map<String, Object> measure(String id) {
        return new LinkedHashMap<>(Map.of("measureId", id, "what", "Byta lampan", "responsible", "OTHER",
                "responsibleName", "Fuzzbyhem", "plannedOn", "2025-04-01"));
    }

    static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** One way to break a request; every one of them must be refused. */
    enum Breakage {
        MISSING_REQUIRED_FIELD, WRONG_TYPE, UNKNOWN_FIELD, OPERATOR_KEY, DOTTED_KEY, TOO_LONG, BAD_DATE, BAD_CODE,
        EMPTY_LIST, BAD_ID, NOT_JSON, WRONG_JSON_SHAPE, TOO_LARGE, WRONG_CONTENT_TYPE, STALE_IF_MATCH,
        GARBAGE_IF_MATCH, UNKNOWN_PROMISE, NEGATIVE_NUMBER
    }

    record Attack(Endpoint endpoint, Breakage breakage, int n, String noise, String pathNoise) {
    }

    @Provide
    Arbitrary<Attack> attacks() {
        Arbitrary<String> noise = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> pathNoise = Arbitraries.strings().withChars("abcXYZ019-_.~åäöé€").ofMinLength(1).ofMaxLength(30);
        return Combinators.combine(Arbitraries.of(Endpoint.class), Arbitraries.of(Breakage.class),
                Arbitraries.integers().between(0, 1_000_000), noise, pathNoise).as(Attack::new);
    }

    @Property(tries = 2000)
    void everyBadRequestIsRefusedWithAProblemDetailAndWritesNothing(@ForAll("attacks") Attack attack) {
        Endpoint endpoint = attack.endpoint();
        String promiseId = attack.breakage() == Breakage.UNKNOWN_PROMISE
                ? URLEncoder.encode("okänt-" + attack.pathNoise(), StandardCharsets.UTF_8) : "f";
        String path = endpoint.path.replace("{p}", promiseId);
        Map<String, Object> body = endpoint.validBody(attack.n());
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json",
                "X-Correlation-Id", URLEncoder.encode(attack.noise(), StandardCharsets.UTF_8)));
        String json = switch (attack.breakage()) {
            case MISSING_REQUIRED_FIELD -> {
                body.remove(endpoint.required.get(attack.n() % endpoint.required.size()));
                yield toJson(body);
            }
            case WRONG_TYPE -> {
                String field = new ArrayList<>(body.keySet()).get(attack.n() % body.size());
                body.put(field, wrongType(body.get(field), attack.n()));
                yield toJson(body);
            }
            case UNKNOWN_FIELD -> {
                body.put("x" + attack.n(), attack.noise());
                yield toJson(body);
            }
            case OPERATOR_KEY -> {
                body.put("$where", "1 == 1");
                yield toJson(body);
            }
            case DOTTED_KEY -> {
                if (body.containsKey("outcomes")) {
                    body.put("outcomes", Map.of(attack.n() % 2 == 0 ? "$gt" : "a.b", 1));
                } else {
                    body.put("a.b", 1);
                }
                yield toJson(body);
            }
            case TOO_LONG -> {
                String field = stringField(body, endpoint, attack.n());
                body.put(field, "x".repeat(10_001 + attack.n() % 1000));
                yield toJson(body);
            }
            case BAD_DATE -> {
                body.put(dateField(endpoint), List.of("2025-02-30", "2025-13-01", "igår", "2025/03/01", "")
                        .get(attack.n() % 5));
                yield toJson(body);
            }
            case BAD_CODE -> {
                body.put(codeField(endpoint), List.of("PICNIC", "police", "", "TRAFFIC_CONTROL ").get(attack.n() % 4));
                yield toJson(body);
            }
            case EMPTY_LIST -> {
                body.put(listField(endpoint), List.of());
                yield toJson(body);
            }
            case BAD_ID -> {
                String field = idField(endpoint);
                String badId = "-" + attack.pathNoise() + " !";
                if (field == null) {
                    path = path.replace("/c/", "/" + URLEncoder.encode(badId, StandardCharsets.UTF_8) + "/")
                            .replace("/a/", "/" + URLEncoder.encode(badId, StandardCharsets.UTF_8) + "/")
                            .replace("/f/", "/" + URLEncoder.encode(badId, StandardCharsets.UTF_8) + "/")
                            .replace("/fd/", "/" + URLEncoder.encode(badId, StandardCharsets.UTF_8) + "/")
                            .replace("/m/", "/" + URLEncoder.encode(badId, StandardCharsets.UTF_8) + "/");
                } else {
                    body.put(field, field.equals("commitmentIds") ? List.of("../" + attack.pathNoise()) : badId);
                }
                yield toJson(body);
            }
            case NOT_JSON -> List.of("", "{", "{\"title\": }", attack.noise(), "null", "[1,2", "\u0000")
                    .get(attack.n() % 7);
            case WRONG_JSON_SHAPE -> List.of("[]", "42", "\"text\"", "true", "[" + toJson(body) + "]").get(attack.n() % 5);
            case TOO_LARGE -> {
                body.put("notes", "x".repeat(70_000));
                yield toJson(body);
            }
            case WRONG_CONTENT_TYPE -> {
                headers.set(1, List.of("text/plain", "application/xml", "multipart/form-data").get(attack.n() % 3));
                yield toJson(body);
            }
            case STALE_IF_MATCH -> {
                if (endpoint == Endpoint.SIGN) {
                    body.remove("title");
                }
                headers.addAll(List.of("If-Match", "\"" + (100 + attack.n()) + "\""));
                yield toJson(body);
            }
            case GARBAGE_IF_MATCH -> {
                headers.addAll(List.of("If-Match", "\"v" + URLEncoder.encode(attack.noise(), StandardCharsets.UTF_8) + "\""));
                yield toJson(body);
            }
            case UNKNOWN_PROMISE -> {
                if (endpoint == Endpoint.SIGN) {
                    body.put("promiseId", "ogiltigt id " + attack.pathNoise());
                }
                yield toJson(body);
            }
            case NEGATIVE_NUMBER -> {
                if (body.containsKey("target")) {
                    body.put("target", -1 - attack.n());
                } else if (body.containsKey("outcomes")) {
                    body.put("outcomes", Map.of("residentsParticipating", -1 - attack.n()));
                } else {
                    body.remove(endpoint.required.get(0));
                }
                yield toJson(body);
            }
        };

        Http.Response response = admin.post(path, json, headers.toArray(String[]::new));

        assertThat(response.status()).as("%s %s -> %s", attack, json.length() > 300 ? json.substring(0, 300) : json,
                response.raw()).isBetween(400, 499);
        assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(response.status());
        assertThat(response.body().get("detail").asString()).isNotBlank();
        assertThat(events.countDocuments()).as("nothing written for %s", attack).isEqualTo(storedBefore);
    }

    private static Object wrongType(Object value, int n) {
        if (value instanceof String) {
            return List.of(123, true, List.of("x"), Map.of("a", 1)).get(n % 4);
        }
        if (value instanceof Number) {
            return List.of("tolv", true, List.of(1), Map.of("a", 1), 1.5).get(n % 5);
        }
        if (value instanceof List) {
            return List.of("x", 7, Map.of("a", 1), List.of(List.of())).get(n % 4);
        }
        return List.of("x", 7, List.of(1), true).get(n % 4);
    }

    private static String stringField(Map<String, Object> body, Endpoint endpoint, int n) {
        List<String> strings = body.entrySet().stream().filter(e -> e.getValue() instanceof String)
                .map(Map.Entry::getKey).filter(k -> !k.endsWith("Id") && !k.endsWith("On") && !k.equals("validFrom")
                        && !k.equals("validTo") && !k.equals("owner") && !k.equals("kind") && !k.equals("status")
                        && !k.equals("performedBy") && !k.equals("focusArea"))
                .toList();
        return strings.isEmpty() ? endpoint.required.get(0) : strings.get(n % strings.size());
    }

    private static String dateField(Endpoint endpoint) {
        return switch (endpoint) {
            case SIGN, AMEND -> "validFrom";
            case CLOSE -> "closedOn";
            case ASSESS -> "assessedOn";
            case PLAN_MEASURE -> "plannedOn";
            case COMPLETE_MEASURE -> "doneOn";
            case REPORT_BACK -> "reportedOn";
            default -> "occurredOn";
        };
    }

    private static String codeField(Endpoint endpoint) {
        return switch (endpoint) {
            case ADD_COMMITMENT, REVISE -> "owner";
            case ASSESS -> "status";
            case RECORD, CORRECT -> "kind";
            case RECORD_FINDING -> "category";
            case PLAN_MEASURE -> "responsible";
            default -> "closedOn";
        };
    }

    private static String listField(Endpoint endpoint) {
        return switch (endpoint) {
            case SIGN, AMEND -> "focusAreas";
            case ADD_COMMITMENT, REVISE -> "countedKinds";
            case RECORD, CORRECT -> "commitmentIds";
            case RENEW -> "promise";
            default -> "reason";
        };
    }

    /** The id field of the body to break, or null to break the id in the path. */
    private static String idField(Endpoint endpoint) {
        return switch (endpoint) {
            case SIGN, AMEND -> "promiseId";
            case ADD_COMMITMENT -> "commitmentId";
            case RECORD -> "activityId";
            case CORRECT -> "commitmentIds";
            case RECORD_FINDING -> "findingId";
            case PLAN_MEASURE -> "measureId";
            default -> null;
        };
    }
}
