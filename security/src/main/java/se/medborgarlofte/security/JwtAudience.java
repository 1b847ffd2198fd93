package se.medborgarlofte.security;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * In jwt mode a token must be meant for this service: its {@code aud} claim must name one of
 * {@value #PROPERTY}. Spring Boot's resource server checks that claim once the property is set; here the property is
 * made required, because without it a token the issuer made for any other application (with Entra ID: any
 * application in the tenant) would be accepted.
 */
final class JwtAudience {

    static final String PROPERTY = "spring.security.oauth2.resourceserver.jwt.audiences";
    static final String VARIABLE = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES";

    private JwtAudience() {
    }

    /** The configured audiences; refuses to go on without one (the message is what the operator reads). */
    static List<String> require(Environment environment) {
        List<String> audiences = Binder.get(environment).bind(PROPERTY, Bindable.listOf(String.class))
                .orElse(List.of()).stream().map(String::strip).filter(audience -> !audience.isEmpty()).toList();
        if (audiences.isEmpty()) {
            throw new MissingAudience();
        }
        return audiences;
    }

    /** The app must not start in jwt mode without an audience. */
    static final class MissingAudience extends IllegalStateException {
        MissingAudience() {
            super("JWT-läget kräver " + PROPERTY + " (miljövariabeln " + VARIABLE + "): det eller de aud-värden "
                  + "som identitetsleverantören sätter i åtkomsttoken till den här tjänsten, t.ex. "
                  + "api://medborgarlofte. Utan det skulle en token som utfärdats till ett annat program hos samma "
                  + "utfärdare godtas. (JWT mode requires " + PROPERTY + ".)");
        }
    }
}
