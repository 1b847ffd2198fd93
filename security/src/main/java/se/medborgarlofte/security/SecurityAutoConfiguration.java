package se.medborgarlofte.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The callers of both apps: local users (basic mode) or verified JWTs (jwt mode); never a built-in password. */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@EnableConfigurationProperties(SecuritySettings.class)
public class SecurityAutoConfiguration {

    /**
     * Resolves {@code auto}: jwt when the resource server has an issuer or a JWK set, basic otherwise. In jwt mode
     * the audience is required ({@link JwtAudience}): without it the app does not start.
     */
    @Bean
    ResolvedSecuritySettings resolvedSecuritySettings(SecuritySettings settings, Environment environment) {
        boolean jwt = environment.containsProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                      || environment.containsProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        SecuritySettings resolved = settings.resolved(jwt);
        if (!resolved.basic()) {
            JwtAudience.require(environment);
        }
        return new ResolvedSecuritySettings(resolved);
    }

    /** The settings with the mode decided. */
    public record ResolvedSecuritySettings(SecuritySettings settings) {
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService localUsers(ResolvedSecuritySettings resolved, PasswordEncoder passwordEncoder) {
        SecuritySettings settings = resolved.settings();
        if (settings.basic()) {
            return LocalUsers.load(settings.usersFile(), passwordEncoder, JsonMapper.builder().build());
        }
        return username -> {
            throw new UsernameNotFoundException("Local users are off; sign in through the identity provider");
        };
    }

    @Bean
    CallerAuthentication callerAuthentication(ResolvedSecuritySettings resolved, UserDetailsService localUsers,
                                              PasswordEncoder passwordEncoder,
                                              @Value("${medborgarlofte.security.token-key-file:}") String tokenKeyFile) {
        SecuritySettings settings = resolved.settings();
        if (!settings.basic()) {
            return new CallerAuthentication(settings, null, null);
        }
        Clock clock = Clock.systemUTC();
        LimitedSignIn basic = new LimitedSignIn((LocalUsers) localUsers, passwordEncoder, new SignInLimiter(clock),
                new VerifiedCredentials(clock, VerifiedCredentials.DEFAULT_TTL));
        return new CallerAuthentication(settings, basic,
                LocalTokens.loadOrCreate(LocalTokens.keyFile(tokenKeyFile, settings.usersFile()), clock));
    }
}
