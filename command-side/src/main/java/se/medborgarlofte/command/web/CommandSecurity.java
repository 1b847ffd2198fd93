package se.medborgarlofte.command.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import se.medborgarlofte.security.CallerAuthentication;

/**
 * Every command needs a signed-in ADMIN or EDITOR; which promise and which side an editor may act for is a rule of
 * the promise itself (see the aggregate). Documentation, health and the metrics for Prometheus are open
 * (the compose proxy routes none of /actuator to the outside).
 */
@Configuration
class CommandSecurity {

    @Bean
    SecurityFilterChain commandSecurityFilterChain(HttpSecurity http, CallerAuthentication authentication) throws Exception {
        authentication.apply(http).authorizeHttpRequests(requests -> requests
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                        "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/**").hasAnyRole("ADMIN", "EDITOR")
                .anyRequest().denyAll());
        return http.build();
    }
}
