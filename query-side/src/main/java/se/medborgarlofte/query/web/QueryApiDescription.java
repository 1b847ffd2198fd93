package se.medborgarlofte.query.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import se.medborgarlofte.security.openapi.ApiDescription;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The query API's OpenAPI description: who it is, which reads are public, and the problems every operation may answer
 * (the operations API's dead letters are the only ones that are not reads).
 */
@Configuration
class QueryApiDescription {

    static final String VERSION = "1.0.0";

    @Bean
    OpenAPI queryOpenApi() {
        return ApiDescription.openApi("Medborgarlöften – läs-API",
                "Medborgarlöften, deras åtaganden, vad som gjorts och hur det går. Löftena, framstegen, den publika "
                        + "aktivitetsloggen och \"Ni sa – vi gjorde\" är öppna för alla (CORS för GET); historik, export "
                        + "och interna vyer kräver inloggning (HTTP Basic lokalt, JWT i drift). Fel svaras som RFC 9457 "
                        + "problem details på svenska.", VERSION);
    }

    @Bean
    OpenApiCustomizer queryProblemsAndSecurity() {
        AntPathMatcher matcher = new AntPathMatcher();
        return ApiDescription.problemsAndSecurity(
                Map.of(PathItem.HttpMethod.GET, List.of(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND),
                        PathItem.HttpMethod.POST, List.of(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND),
                        PathItem.HttpMethod.DELETE, List.of(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)),
                (path, method) -> method == PathItem.HttpMethod.GET
                        && Arrays.stream(QuerySecurity.PUBLIC).anyMatch(pattern -> matcher.match(pattern, path)));
    }
}
