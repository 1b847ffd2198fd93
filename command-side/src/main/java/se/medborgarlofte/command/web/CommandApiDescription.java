package se.medborgarlofte.command.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import se.medborgarlofte.security.openapi.ApiDescription;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command API's OpenAPI description: who it is, that every command needs sign-in, and the problems it answers. */
@Configuration
class CommandApiDescription {

    static final String VERSION = "1.0.0";

    @Bean
    OpenAPI commandOpenApi() {
        return ApiDescription.openApi("Medborgarlöften – kommando-API",
                "Underteckna medborgarlöften, lägga till åtaganden och registrera vad som gjorts. Varje kommando kräver "
                        + "inloggning (HTTP Basic med en lokal användare, eller en JWT i drift), tar JSON (högst 64 kB, "
                        + "okända fält avvisas) och svarar fel som RFC 9457 problem details på svenska. Ett avvisat "
                        + "kommando ändrar ingenting. If-Match med löftets version (till exempel \"5\") avvisar ett "
                        + "kommando med 412 om löftet har ändrats sedan dess.", VERSION);
    }

    @Bean
    OpenApiCustomizer commandProblemsAndSecurity() {
        return ApiDescription.problemsAndSecurity(Map.of(PathItem.HttpMethod.POST, List.of(HttpStatus.BAD_REQUEST,
                        HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.PRECONDITION_FAILED,
                        HttpStatus.CONTENT_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE)),
                (path, method) -> false);
    }

    /** Commands that create something answer 201; those with client-chosen ids answer a repeat with 200. */
    static final Set<String> CREATES = Set.of("sign", "addCommitment", "assessCommitment", "reportBack", "renew");
    static final Set<String> CREATES_OR_REPEATS = Set.of("recordActivity", "recordFinding", "planMeasure");

    @Bean
    @Order(1)
    OpenApiCustomizer commandCreatedAnswers() {
        return openApi -> openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            ApiResponse ok = operation.getResponses().get("200");
            String id = operation.getOperationId();
            if (ok == null || !(CREATES.contains(id) || CREATES_OR_REPEATS.contains(id))) {
                return;
            }
            operation.getResponses().addApiResponse("201", new ApiResponse().description("Skapad")
                    .content(ok.getContent()));
            if (CREATES.contains(id)) {
                operation.getResponses().remove("200");
            } else {
                ok.description("Redan registrerad med samma innehåll: inget lades till");
            }
        }));
    }

    /** Every successful command answer tells how far the event store had come (see {@code EventPositionHeader}). */
    @Bean
    @Order(2)
    OpenApiCustomizer commandPositionHeader() {
        Header position = new Header().description("Det högsta globala sekvensnumret i händelselagret när svaret gavs: "
                + "händelserna kommandot lagrade har detta nummer eller lägre. Läs-API:t har hunnit ikapp när dess "
                + "framsteg nått hit.").schema(new IntegerSchema().format("int64"));
        return openApi -> openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation ->
                operation.getResponses().forEach((code, response) -> {
                    if (code.startsWith("2")) {
                        response.addHeaderObject("X-Event-Position", position);
                    }
                })));
    }

    @Bean
    OpenApiCustomizer commandRequestExamples() {
        return SeedExamples.customizer();
    }
}
