package se.medborgarlofte.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * What both apps share: a stateless API (no sessions, no CSRF tokens: there are no cookies to ride on), security
 * headers, 401/403 as problem details, and the authentication of the configured mode.
 */
public final class CallerAuthentication {

    private final SecuritySettings settings;
    private final LimitedSignIn basicSignIn;
    private final LocalTokens localTokens;

    /** {@code basicSignIn} and {@code localTokens} are used in basic mode only (null in jwt mode). */
    CallerAuthentication(SecuritySettings settings, LimitedSignIn basicSignIn, LocalTokens localTokens) {
        this.settings = settings;
        this.basicSignIn = basicSignIn;
        this.localTokens = localTokens;
    }

    public HttpSecurity apply(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ProblemResponses.unauthorized(
                                settings.basic() ? "Basic realm=\"medborgarlofte\"" : "Bearer"))
                        .accessDeniedHandler(ProblemResponses.forbidden()));
        if (settings.basic()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(ProblemResponses.tooManyOr(
                    ProblemResponses.unauthorized("Basic realm=\"medborgarlofte\""))));
            LocalTokenAuthentication.apply(http, basicSignIn, localTokens, new JwtUsers(settings));
        } else {
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtUsers(settings)))
                    .authenticationEntryPoint(ProblemResponses.unauthorized("Bearer")));
        }
        return http;
    }
}
