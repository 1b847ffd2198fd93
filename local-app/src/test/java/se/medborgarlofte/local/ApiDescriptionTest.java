package se.medborgarlofte.local;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI descriptions both APIs serve are complete: a title, version, contact and licence; the
 * sign-in schemes; on every operation the problem answers it can give and, unless it is public, its sign-in. The
 * copies under {@code docs/openapi/} (which the generated client and {@code redocly lint} read) must be what the
 * apps serve: run with {@code -Dopenapi.write=true} to write them anew after changing the API. That they are valid
 * is checked where they are read: openapi-generator validates them when it generates the clients at build time,
 * and {@link RedoclyLintTest} lints them.
 */
class ApiDescriptionTest {

    static final Path DOCS = Path.of("..", "docs", "openapi");
    static final Set<String> PUBLIC_READS = Set.of("/api/promises", "/api/promises/{promiseId}",
            "/api/promises/{promiseId}/progress", "/api/promises/{promiseId}/activities",
            "/api/promises/{promiseId}/findings/public", "/api/promises/{promiseId}/findings/lead-time",
            "/api/promises/{promiseId}/comparison", "/api/operations/anchors");

    @RegisterExtension
    static final InMemoryLocalRun run = new InMemoryLocalRun();

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side"})
    void theDescriptionIsCompleteAndTheOneInDocs(String side) throws IOException {
        int port = side.equals("command-side") ? run.app().commandPort() : run.app().queryPort();
        Http.Response served = new Http(port).get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        String json = served.raw();
        JsonNode api = served.body();
        JsonNode info = api.get("info");
        assertThat(info.get("title").asString()).startsWith("Medborgarlöften");
        assertThat(info.get("version").asString()).isNotBlank();
        assertThat(info.get("description").asString()).isNotBlank();
        assertThat(info.get("contact").get("name").asString()).isNotBlank();
        assertThat(info.get("license").get("identifier").asString()).isNotBlank();
        assertThat(api.get("components").get("securitySchemes").propertyNames()).contains("basicAuth", "bearerAuth");
        assertThat(api.get("components").get("schemas").has("Problem")).isTrue();
        api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            String name = entry.getKey() + " " + path.getKey();
            JsonNode operation = entry.getValue();
            JsonNode responses = operation.get("responses");
            assertThat(responses.propertyNames()).as(name).anyMatch(code -> code.startsWith("4"));
            responses.properties().forEach(response -> {
                if (response.getKey().startsWith("4")) {
                    JsonNode problem = response.getValue().path("content").path("application/problem+json");
                    assertThat(problem.path("schema").path("$ref").asString()).as(name + " " + response.getKey())
                            .endsWith("/Problem");
                    assertThat(problem.path("examples").isEmpty()).as(name + " example").isFalse();
                }
            });
            boolean isPublic = side.equals("query-side") && entry.getKey().equals("get")
                               && PUBLIC_READS.contains(path.getKey());
            assertThat(operation.path("security").size()).as(name + " sign-in").isEqualTo(isPublic ? 0 : 2);
            if (!isPublic) {
                assertThat(responses.propertyNames()).as(name).contains("401", "403");
            }
        }));
        if (side.equals("command-side")) {
            assertThat(api.at("/paths/~1api~1promises/post/requestBody/content/application~1json/examples")
                    .findValuesAsString("title")).as("signing's example is a seed promise")
                    .contains("Medborgarlöfte Gislaved 2023");
            assertThat(api.at("/paths/~1api~1promises~1{promiseId}~1activities/post/responses/201/headers")
                    .has("X-Event-Position")).as("the receipt's position header").isTrue();
        }
        Path copy = DOCS.resolve(side + ".json");
        String pretty = Http.pretty(json);
        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(DOCS);
            Files.writeString(copy, pretty, StandardCharsets.UTF_8);
        }
        // the same description; springdoc may list schemas in another order from one start to the next
        assertThat(Files.exists(copy) ? Http.tree(Files.readString(copy, StandardCharsets.UTF_8)) : null)
                .as(copy + " is what the app serves (run the test with -Dopenapi.write=true after an API change)")
                .isEqualTo(api);
    }
}
