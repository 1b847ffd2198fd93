package se.medborgarlofte.web;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Keeps the web's context to what a web front needs when it shares a classpath with the two other apps (the local
 * run, the tests): no MongoDB, Spring Data, Axon, Spring Security or OpenAPI there, as the web talks only HTTP to the
 * query side. Active only in a context with {@code medborgarlofte.web.context=true} (set in {@code web.properties});
 * every other context is left alone.
 */
public class WebOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final List<String> NOT_FOR_THE_WEB = List.of("org.axonframework.", "se.medborgarlofte.",
            "org.springdoc.", "org.springframework.boot.data.", "org.springframework.boot.mongodb.",
            "org.springframework.boot.security.", "org.springframework.boot.transaction.",
            "org.springframework.boot.persistence.", "org.springframework.boot.micrometer.");

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
            matches[i] = !active || name == null || NOT_FOR_THE_WEB.stream().noneMatch(name::startsWith);
        }
        return matches;
    }
}
