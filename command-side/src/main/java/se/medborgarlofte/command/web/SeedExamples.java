package se.medborgarlofte.command.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Request body examples in the command API's description, taken from the first seed promise (Gislaved 2023) so
 * that they are real wording: signing it, adding its first commitment, recording its first activity.
 */
final class SeedExamples {

    static final String SEEDS = "demo/seed-promises.json";

    private SeedExamples() {
    }

    static OpenApiCustomizer customizer() {
        JsonNode promise = firstSeed();
        ObjectNode signing = (ObjectNode) promise.deepCopy();
        signing.remove(java.util.List.of("commitments", "activities", "assessments"));
        Map<String, Object> examples = Map.of(
                "sign", signing,
                "addCommitment", promise.get("commitments").get(0),
                "recordActivity", promise.get("activities").get(0));
        return openApi -> openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            Object example = examples.get(operation.getOperationId());
            if (example != null) {
                setExample(operation, example);
            }
        }));
    }

    private static void setExample(Operation operation, Object example) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        if (json != null) {
            json.addExamples("gislaved-2023", new Example().summary("Ur Medborgarlöfte Gislaved 2023")
                    .value(JsonMapper.builder().build().convertValue(example, Object.class)));
        }
    }

    private static JsonNode firstSeed() {
        try (InputStream in = new ClassPathResource(SEEDS).getInputStream()) {
            return JsonMapper.builder().build().readTree(in).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
