package se.medborgarlofte.web.staff.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in for the staff pages. Everything under {@code /personal/} needs it; how one signs in is the
 * {@link SignInMethod}'s (the local form, {@link LocalSignIn}, or OpenID Connect, {@link OidcSignIn}); every form
 * carries a CSRF token; the session cookie is HttpOnly and SameSite=Lax (Secure when the request came over TLS).
 * The session holds who signed in, never a password. The public pages stay as they were: no session, no cookie.
 */
@Configuration
@EnableWebSecurity
class StaffSecurity {

    static final String SIGN_IN = "/logga-in";

    @Bean
    @Order(1)
    SecurityFilterChain staffPages(HttpSecurity http, SignInMethod signIn) throws Exception {
        http.securityMatcher("/personal/**", SIGN_IN, SIGN_IN + "/**", "/logga-ut", "/oauth2/**", "/login/oauth2/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, SIGN_IN + "/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.accessDeniedHandler(SignInController::denied))
                .headers(headers -> headers.defaultsDisabled().cacheControl(Customizer.withDefaults()));
        signIn.apply(http);
        return http.build();
    }

    /** The public pages: no session, no sign-in, headers from {@code SecurityHeaders}, caching as before. */
    @Bean
    @Order(2)
    SecurityFilterChain publicPages(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
