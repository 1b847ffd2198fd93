package se.medborgarlofte.web;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Keeps each context to its own parts when the web shares a classpath with the two other apps (the local run, the
 * tests): in the web's context (the one with {@code medborgarlofte.web.context=true}, set in {@code web.properties})
 * no MongoDB, Spring Data, Axon, OpenAPI or the APIs' security (the resource server, Spring Boot's generated user,
 * the security module's auto-configuration: the web configures its own sign-in, see {@code web.staff.signin}), as
 * the web talks only HTTP to the two sides; in every other context no Thymeleaf, which only the web uses.
 */
public class WebOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final List<String> NOT_FOR_THE_WEB = List.of("org.axonframework.", "se.medborgarlofte.",
            "org.springdoc.", "org.springframework.boot.data.", "org.springframework.boot.mongodb.",
            "org.springframework.boot.security.oauth2.server.",
            "org.springframework.boot.security.autoconfigure.UserDetailsService",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsService",
            "org.springframework.boot.security.autoconfigure.actuate.", "org.springframework.boot.transaction.",
            "org.springframework.boot.persistence.", "org.springframework.boot.micrometer.");

    private static final String THYMELEAF = "org.springframework.boot.thymeleaf.";

    private boolean active;

    @Override
    public void setEnvironment(Environment environment) {
        active = environment.getProperty("medborgarlofte.web.context", Boolean.class, false);
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String name = autoConfigurationClasses[i];
            matches[i] = name == null || (active ? NOT_FOR_THE_WEB.stream().noneMatch(name::startsWith)
                    : !name.startsWith(THYMELEAF));
        }
        return matches;
    }
}
