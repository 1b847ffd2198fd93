package se.medborgarlofte.web.staff.signin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import se.medborgarlofte.security.LimitedSignIn;
import se.medborgarlofte.security.LocalTokens;
import se.medborgarlofte.security.LocalUsers;
import se.medborgarlofte.security.SignInLimiter;
import se.medborgarlofte.web.staff.api.ApiTokens;
import se.medborgarlofte.web.staff.api.StaffUser;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The local run's sign-in: the form ({@code username}, {@code password}) against {@code ./data/users.json} through
 * {@link LimitedSignIn} (5 failures for one name from one address in 15 minutes: 429 for 15 minutes). The web then
 * calls the APIs with a token it signs for the signed-in user ({@link LocalTokens}, five minutes), so no API call
 * pays for BCrypt and no password stays anywhere.
 */
@Configuration
@Conditional(OidcConfigured.Not.class)
class LocalSignIn {

    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

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
    ApiTokens localApiTokens(LocalTokens tokens) {
        return () -> tokens.mint(StaffUser.current(), TOKEN_LIFETIME);
    }

    @Bean
    SignInMethod formSignIn(LocalUsers users, SignInLimiter limiter) {
        LimitedSignIn signIn = new LimitedSignIn(users, PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                limiter, null);
        return new SignInMethod() {
            @Override
            public void apply(HttpSecurity http) throws Exception {
                http.authenticationManager(new ProviderManager(signIn))
                        .formLogin(form -> form.loginPage(StaffSecurity.SIGN_IN).loginProcessingUrl(StaffSecurity.SIGN_IN)
                                .usernameParameter("username").passwordParameter("password")
                                .defaultSuccessUrl("/personal/", false)
                                .failureHandler(SignInController::failed))
                        .logout(logout -> logout.logoutUrl("/logga-ut")
                                .logoutSuccessUrl(StaffSecurity.SIGN_IN + "?utloggad"));
            }

            @Override
            public boolean oidc() {
                return false;
            }
        };
    }
}
