package se.medborgarlofte.security;

import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Basic mode (the local run): HTTP Basic through {@link LimitedSignIn} (the sign-in limit, verified credentials
 * remembered briefly) and, next to it, bearer tokens signed with the local key ({@link LocalTokens}), which is how
 * the web calls the APIs for a signed-in user.
 */
final class LocalTokenAuthentication {

    private LocalTokenAuthentication() {
    }

    static void apply(HttpSecurity http, LimitedSignIn basicSignIn, LocalTokens tokens, JwtUsers users) throws Exception {
        JwtAuthenticationProvider bearer = new JwtAuthenticationProvider(tokens.decoder());
        bearer.setJwtAuthenticationConverter(users);
        ProviderManager manager = new ProviderManager(basicSignIn, bearer);
        http.authenticationManager(manager)
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(tokens.decoder()).jwtAuthenticationConverter(users)
                                .authenticationManager(manager))
                        .authenticationEntryPoint(ProblemResponses.unauthorized("Bearer")));
    }
}
