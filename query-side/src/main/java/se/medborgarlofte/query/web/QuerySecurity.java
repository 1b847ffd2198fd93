package se.medborgarlofte.query.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import se.medborgarlofte.security.CallerAuthentication;
import se.medborgarlofte.security.SecuritySettings;

import java.util.List;

/**
 * Anyone may read the public views (promises, commitments, progress, the activity log without notes, names or who
 * recorded what, findings only in their published wording, lead times, the comparison with the previous period, the
 * hash chain's daily anchors), also from a municipality's website (CORS, GET only). Everything else (history,
 * exports, operations, verifying a promise's hash chain) needs a signed-in ADMIN, EDITOR or VIEWER; the dead letters
 * (list, retry, evict), the rebuilds of read models and computing the day's anchor now an ADMIN.
 */
@Configuration
class QuerySecurity {

    /** The daily anchors of the hash chain: public, so that anyone can keep a copy; computing one now: ADMIN. */
    static final String ANCHORS = "/api/operations/anchors";
    static final String[] PUBLIC = {"/api/promises", "/api/promises/*", "/api/promises/*/progress",
            "/api/promises/*/activities", "/api/promises/*/findings/public", "/api/promises/*/findings/lead-time",
            "/api/promises/*/comparison", ANCHORS};
    /** Operators only: what the read models parked, and retrying or evicting it. */
    static final String[] DEAD_LETTERS = {"/api/operations/dead-letters", "/api/operations/dead-letters/**"};
    /** Operators only: rebuilding a read model and following it. */
    static final String[] REBUILDS = {"/api/operations/rebuilds", "/api/operations/rebuilds/**"};

    @Bean
    SecurityFilterChain querySecurityFilterChain(HttpSecurity http, CallerAuthentication authentication) throws Exception {
        authentication.apply(http).cors(Customizer.withDefaults()).authorizeHttpRequests(requests -> requests
                .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                        "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers(HttpMethod.GET, PUBLIC).permitAll()
                .requestMatchers(DEAD_LETTERS).hasRole("ADMIN")
                .requestMatchers(REBUILDS).hasRole("ADMIN")
                .requestMatchers(HttpMethod.POST, ANCHORS).hasRole("ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole("ADMIN", "EDITOR", "VIEWER")
                .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(SecuritySettings settings) {
        CorsConfiguration publicReads = new CorsConfiguration();
        publicReads.setAllowedOriginPatterns(settings.corsOrigins());
        publicReads.setAllowedMethods(List.of("GET"));
        publicReads.setAllowCredentials(false);
        publicReads.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : PUBLIC) {
            source.registerCorsConfiguration(path, publicReads);
        }
        return source;
    }
}
