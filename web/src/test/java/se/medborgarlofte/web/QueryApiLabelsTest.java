package se.medborgarlofte.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The query API hands out the Swedish words next to its codes, so no other client has to translate them again. */
class QueryApiLabelsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestSystem system;

    @BeforeAll
    static void start() {
        system = TestSystem.get();
    }

    @Test
    void activitiesCarryKindAndPerformerLabels() {
        JsonNode activities = JSON.readTree(system.query.get(
                "/api/promises/gnosjo-2024/activities?kind=EST_SITUATION_REPORT").body());
        assertThat(activities.size()).isPositive();
        activities.forEach(activity -> {
            assertThat(activity.get("kindLabel").asString()).isEqualTo("EST-lägesbild");
            assertThat(activity.get("performedByLabel").asString()).isEqualTo("Tillsammans");
            assertThat(activity.has("notes")).isFalse();
            assertThat(activity.has("participants")).isFalse();
        });
    }

    @Test
    void progressAndPromisesCarryStatusOwnerAndKindLabels() {
        JsonNode progress = JSON.readTree(system.query.get("/api/promises/gnosjo-2024/progress?asOf=2024-06-30").body());
        assertThat(progress.get("total").get("statusLabel").asString()).isIn("enligt plan", "efter plan", "uppnått",
                "ej påbörjat");
        progress.get("commitments").forEach(commitment -> {
            assertThat(commitment.get("statusLabel").asString()).isNotBlank();
            assertThat(commitment.get("ownerLabel").asString()).isIn("Polisen", "Kommunen", "Tillsammans");
        });
        assertThat(progress.get("lastEventSequence").asLong()).isPositive();
        JsonNode promise = JSON.readTree(system.query.get("/api/promises/gnosjo-2024").body());
        JsonNode est = promise.get("commitments").get(0);
        assertThat(est.get("countedKindLabels").get(0).asString()).isEqualTo("EST-lägesbild");
        assertThat(est.get("ownerLabel").asString()).isEqualTo("Tillsammans");
    }
}
