package se.medborgarlofte.local;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The authorization matrix with real signed JWTs, verified by the apps through a JWKS endpoint this test serves.
 * The claim names and the audience are configured, as they would be for an organisation's identity provider; a
 * token the same issuer made for another application is refused, and without an audience the apps do not start.
 */
class JwtAuthorizationMatrixTest extends AuthorizationMatrix {

    static final String AUDIENCE = "api://medborgarlofte-test";
    static final String OTHER_APPLICATION = "api://another-app-of-the-tenant";

    static RSAKey key;
    static RSAKey otherKey;
    static HttpServer jwks;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        TestClock.install();
        app = new LocalApplication(jwtMode(Map.of(AUDIENCE_PROPERTY, AUDIENCE + ",api://a-second-name-of-ours")));
    }

    static final String AUDIENCE_PROPERTY = "spring.security.oauth2.resourceserver.jwt.audiences";

    static LocalApplication.Settings jwtMode(Map<String, Object> more) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks",
                "medborgarlofte.security.role-claim", "app_roles",
                "medborgarlofte.security.organisation-claim", "org",
                "medborgarlofte.security.name-claim", "display_name"));
        properties.putAll(more);
        return new LocalApplication.Settings(null, null, 0, 0, 0, false, TestClock.properties(properties));
    }

    @Test
    void aTokenTheIssuerMadeForAnotherApplicationIsRefusedWith401() {
        setUp();
        Http.Response ours = new Http(app.queryPort()).get("/api/promises/m/history",
                bearer(token(key, "u-viewer", "VIEWER", null, 300)));
        assertThat(ours.status()).as(ours.raw()).isEqualTo(200);
        String second = token(key, "u-admin", "ADMIN", null, 300, "api://a-second-name-of-ours");
        assertThat(new Http(app.commandPort()).post("/api/promises", promise(id()), bearer(second)).status())
                .as("any of the configured audiences").isEqualTo(201);

        String foreign = token(key, "u-admin", "ADMIN", null, 300, OTHER_APPLICATION);
        Http.Response read = new Http(app.queryPort()).get("/api/promises/m/history", bearer(foreign));
        assertThat(read.status()).as(read.raw()).isEqualTo(401);
        assertThat(read.contentType()).startsWith("application/problem+json");
        Http.Response command = new Http(app.commandPort()).post("/api/promises", promise(id()), bearer(foreign));
        assertThat(command.status()).as(command.raw()).isEqualTo(401);
        String without = token(key, "u-admin", "ADMIN", null, 300, null);
        assertThat(new Http(app.commandPort()).post("/api/promises", promise(id()), bearer(without)).status())
                .as("a token without an audience").isEqualTo(401);
    }

    @Test
    void withoutAnAudienceTheAppsRefuseToStartAndSayWhichSettingIsMissing() {
        assertThatThrownBy(() -> new LocalApplication(jwtMode(Map.of())).close())
                .satisfies(failure -> assertThat(rootMessage(failure)).contains(AUDIENCE_PROPERTY)
                        .contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES"));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    @AfterAll
    static void stopJwks() {
        jwks.stop(0);
    }

    @Override
    String[] credentials(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> new String[0];
            case ADMIN -> bearer(token(key, "u-admin", "ADMIN", null, 300));
            case POLICE -> bearer(token(key, "u-police", "EDITOR", "Lokalpolisområde Testby", 300));
            case MUNICIPALITY -> bearer(token(key, "u-muni", "EDITOR", "Testby", 300));
            case OTHER_ORGANISATION -> bearer(token(key, "u-gnosjo", "EDITOR", "Gnosjö", 300));
            case VIEWER -> bearer(token(key, "u-viewer", "VIEWER", null, 300));
            // an administrator's token that expired, one signed with a key the apps don't trust, and one the
            // issuer made for another application
            case BAD_CREDENTIALS -> bearer(switch (unique.incrementAndGet() % 3) {
                case 0 -> token(key, "u-admin", "ADMIN", null, -120);
                case 1 -> token(otherKey, "u-admin", "ADMIN", null, 300);
                default -> token(key, "u-admin", "ADMIN", null, 300, OTHER_APPLICATION);
            });
        };
    }

    /** The subject, the configured name claim ({@code display_name}), organisation claim and role claim. */
    @Override
    Identity identity(Caller caller) {
        return switch (caller) {
            case ADMIN -> new Identity("u-admin", "Namn u-admin", null, "ADMIN");
            case POLICE -> new Identity("u-police", "Namn u-police", "Lokalpolisområde Testby", "EDITOR");
            case MUNICIPALITY -> new Identity("u-muni", "Namn u-muni", "Testby", "EDITOR");
            default -> throw new IllegalArgumentException(caller + " may not change anything");
        };
    }

    static String[] bearer(String token) {
        return new String[]{"Authorization", "Bearer " + token};
    }

    static String token(RSAKey signingKey, String subject, String role, String organisation, int validSeconds) {
        return token(signingKey, subject, role, organisation, validSeconds, AUDIENCE);
    }

    /** {@code audience} null: a token without {@code aud}. */
    static String token(RSAKey signingKey, String subject, String role, String organisation, int validSeconds,
                        String audience) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer("https://idp.test")
                    .issueTime(Date.from(Instant.now().minusSeconds(600)))
                    .expirationTime(Date.from(Instant.now().plusSeconds(validSeconds)))
                    .claim("display_name", "Namn " + subject)
                    .claim("app_roles", List.of("SOMETHING_ELSE", role));
            if (audience != null) {
                claims.audience(audience);
            }
            if (organisation != null) {
                claims.claim("org", organisation);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
