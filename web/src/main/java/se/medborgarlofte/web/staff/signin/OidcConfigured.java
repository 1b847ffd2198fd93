package se.medborgarlofte.web.staff.signin;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when the identity provider is configured for the web: a client registration {@code staff}
 * ({@code spring.security.oauth2.client.registration.staff.client-id}, or the environment variable
 * {@code SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_STAFF_CLIENTID}).
 */
class OidcConfigured implements Condition {

    static final String REGISTRATION = "staff";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                .bind("spring.security.oauth2.client.registration." + REGISTRATION + ".client-id", String.class)
                .isBound();
    }

    /** The opposite: the local sign-in. */
    static class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new OidcConfigured().matches(context, metadata);
        }
    }
}
