package se.medborgarlofte.security.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * What both APIs say about themselves in their OpenAPI descriptions: who they are, how to sign in (HTTP Basic with
 * a local user, or a bearer JWT from the identity provider), and the RFC 9457 problem details every operation may
 * answer, so that a generated client and a linter see the API as it really behaves.
 */
public final class ApiDescription {

    public static final String BASIC = "basicAuth";
    public static final String BEARER = "bearerAuth";
    public static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    private ApiDescription() {
    }

    /** The description's head: title, version, contact, licence, the server it is served from, sign-in schemes. */
    public static OpenAPI openApi(String title, String description, String version) {
        return new OpenAPI()
                .info(new Info().title(title).version(version).description(description)
                        .contact(new Contact().name("Utvecklingsteamet för Medborgarlöften – uppföljning"))
                        .license(new License().name("Ingen licens fastställd ännu: alla rättigheter förbehållna")
                                .identifier("LicenseRef-AllRightsReserved")))
                .servers(List.of(new Server().url("/").description("Den här tjänsten")))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Lokalt: en användare ur ./data/users.json (lösenorden skrivs ut vid första start)."))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")
                                .description("I drift: en JWT från identitetsleverantören, med roll och organisation."))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /**
     * Adds to every operation the problem answers it can give ({@code statuses} by method) and, unless
     * {@code isPublic} says the operation is open to everyone, the sign-in it needs (and then 401 and 403).
     */
    public static OpenApiCustomizer problemsAndSecurity(Map<PathItem.HttpMethod, List<HttpStatus>> statuses,
                                                        BiPredicate<String, PathItem.HttpMethod> isPublic) {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> addTo(op,
                    path, method, statuses, isPublic)));
        };
    }

    private static void addTo(Operation op, String path, PathItem.HttpMethod method,
                              Map<PathItem.HttpMethod, List<HttpStatus>> statuses,
                              BiPredicate<String, PathItem.HttpMethod> isPublic) {
        boolean open = isPublic.test(path, method);
        if (!open) {
            op.setSecurity(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER)));
        } else {
            op.setSecurity(List.of());
        }
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        for (HttpStatus status : statuses.getOrDefault(method, List.of())) {
            responses.computeIfAbsent(String.valueOf(status.value()), code -> problem(status));
        }
        if (!open) {
            for (HttpStatus status : List.of(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN)) {
                responses.computeIfAbsent(String.valueOf(status.value()), code -> problem(status));
            }
        }
        op.setResponses(responses);
        describeMissing(op, path, method);
    }

    private static void describeMissing(Operation operation, String path, PathItem.HttpMethod method) {
        if (operation.getDescription() == null && operation.getSummary() == null) {
            operation.setSummary(method + " " + path);
        }
    }

    static ApiResponse problem(HttpStatus status) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "/problems/" + Examples.code(status));
        example.put("title", status.getReasonPhrase());
        example.put("status", status.value());
        example.put("detail", Examples.detail(status));
        example.put("instance", "/api/promises/gnosjo-2024/activities");
        if (status == HttpStatus.BAD_REQUEST) {
            example.put("errors", List.of(Map.of("field", "occurredOn", "message", "ska vara ett datum ÅÅÅÅ-MM-DD")));
        }
        return new ApiResponse().description(Examples.description(status)).content(new Content().addMediaType(
                PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                        .addExamples("problem", new Example().value(example))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details; detail på svenska")
                .addProperty("type", new StringSchema().example("/problems/outside-period"))
                .addProperty("title", new StringSchema().example("Conflict"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("rule", new StringSchema().description("vilken regel som bröts (409, 403)"))
                .addProperty("errors", new ArraySchema().description("vilka fält som är fel (400)").items(
                        new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message",
                                new StringSchema())))
                .required(List.of("type", "title", "status"));
    }
}
