package se.medborgarlofte.command.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import se.medborgarlofte.security.openapi.ApiDescription;

import java.util.List;
import java.util.Map;

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
                        + "kommando ändrar ingenting. If-Match: \"<version>\" avvisar ett kommando med 412 om löftet har "
                        + "ändrats sedan dess.", VERSION);
    }

    @Bean
    OpenApiCustomizer commandProblemsAndSecurity() {
        return ApiDescription.problemsAndSecurity(Map.of(PathItem.HttpMethod.POST, List.of(HttpStatus.BAD_REQUEST,
                        HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.PRECONDITION_FAILED,
                        HttpStatus.CONTENT_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE)),
                (path, method) -> false);
    }

    @Bean
    OpenApiCustomizer commandRequestExamples() {
        return SeedExamples.customizer();
    }
}
