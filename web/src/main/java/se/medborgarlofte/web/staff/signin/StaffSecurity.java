package se.medborgarlofte.web.staff.signin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.SecurityFilterChain;
import se.medborgarlofte.security.LimitedSignIn;
import se.medborgarlofte.security.LocalTokens;
import se.medborgarlofte.security.LocalUsers;
import se.medborgarlofte.security.SignInLimiter;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Sign-in for the staff pages. Everything under {@code /personal/} needs it; the sign-in form ({@code /logga-in},
 * fields {@code username} and {@code password}) checks the local users file through {@link LimitedSignIn} (after 5
 * failures for one name from one address in 15 minutes: 429 for 15 minutes); every form carries a CSRF token;
 * the session cookie is HttpOnly and SameSite=Lax (Secure when the request came over TLS). The session holds the
 * signed-in user's id, name, role and organisation, never a password. The public pages stay as they were: no
 * session, no cookie.
 */
@Configuration
@EnableWebSecurity
class StaffSecurity {

    static final String SIGN_IN = "/logga-in";

    @Bean
    LocalUsers localUsers(@Value("${medborgarlofte.security.users-file:data/users.json}") Path usersFile) {
        return LocalUsers.load(usersFile, PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                JsonMapper.builder().build());
    }

    @Bean
    LocalTokens localTokens(@Value("${medborgarlofte.security.users-file:data/users.json}") Path usersFile,
                            @Value("${medborgarlofte.security.token-key-file:}") String tokenKeyFile) {
        return LocalTokens.loadOrCreate(LocalTokens.keyFile(tokenKeyFile, usersFile), Clock.systemUTC());
    }

    @Bean
    SignInLimiter signInLimiter() {
        return new SignInLimiter(Clock.systemUTC());
    }

    @Bean
    @Order(1)
    SecurityFilterChain staffPages(HttpSecurity http, LocalUsers users, SignInLimiter limiter) throws Exception {
        LimitedSignIn signIn = new LimitedSignIn(users, PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                limiter, null);
        http.securityMatcher("/personal/**", SIGN_IN, SIGN_IN + "/**", "/logga-ut")
                .authenticationManager(new ProviderManager(signIn))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, SIGN_IN + "/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(SIGN_IN).loginProcessingUrl(SIGN_IN)
                        .usernameParameter("username").passwordParameter("password")
                        .defaultSuccessUrl("/personal/", false)
                        .failureHandler(SignInController::failed))
                .logout(logout -> logout.logoutUrl("/logga-ut").logoutSuccessUrl(SIGN_IN + "?utloggad"))
                .exceptionHandling(errors -> errors.accessDeniedHandler(SignInController::denied))
                .headers(headers -> headers.defaultsDisabled().cacheControl(Customizer.withDefaults()));
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
