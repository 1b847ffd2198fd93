package se.medborgarlofte.web.staff.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import se.medborgarlofte.security.ClaimsUser;
import se.medborgarlofte.security.CurrentUser;
import se.medborgarlofte.web.staff.api.ApiTokens;
import se.medborgarlofte.web.staff.api.StaffPrincipal;

/**
 * Production sign-in: OpenID Connect, authorization code with PKCE ({@code spring-boot-starter-security-oauth2-client})
 * against the identity provider whose JWTs the APIs accept, registration {@code staff}. The user's role,
 * organisation and name come from the ID token's claims, with the claim names the APIs use
 * ({@code medborgarlofte.security.role-claim}, ...). The web calls the APIs with the user's access token, renewed
 * with the refresh token when it has expired.
 */
@Configuration
@Conditional(OidcConfigured.class)
class OidcSignIn {

    /** The OpenID Connect user, as this service sees it. */
    static final class StaffOidcUser extends DefaultOidcUser implements StaffPrincipal {
        private final CurrentUser currentUser;

        StaffOidcUser(OidcUser user, CurrentUser currentUser) {
            super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
            this.currentUser = currentUser;
        }

        @Override
        public CurrentUser currentUser() {
            return currentUser;
        }
    }

    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> staffOidcUsers(
            @Value("${medborgarlofte.security.role-claim:roles}") String roleClaim,
            @Value("${medborgarlofte.security.organisation-claim:organisation}") String organisationClaim,
            @Value("${medborgarlofte.security.name-claim:name}") String nameClaim) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            return new StaffOidcUser(user, ClaimsUser.of(user.getSubject(), user.getClaims()::get, roleClaim,
                    organisationClaim, nameClaim));
        };
    }

    @Bean
    OAuth2AuthorizedClientManager staffAuthorizedClients(ClientRegistrationRepository registrations,
                                                         OAuth2AuthorizedClientRepository authorizedClients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
                authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode()
                .refreshToken().build());
        return manager;
    }

    @Bean
    ApiTokens oidcApiTokens(OAuth2AuthorizedClientManager clients) {
        return () -> {
            ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
            HttpServletRequest request = attributes.getRequest();
            HttpServletResponse response = attributes.getResponse();
            OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest
                    .withClientRegistrationId(OidcConfigured.REGISTRATION)
                    .principal(SecurityContextHolder.getContext().getAuthentication())
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(HttpServletResponse.class.getName(), response).build());
            if (client == null) {
                throw new IllegalStateException("No access token for the signed-in user");
            }
            return client.getAccessToken().getTokenValue();
        };
    }

    @Bean
    SignInMethod openIdConnect(ClientRegistrationRepository registrations,
                               OAuth2UserService<OidcUserRequest, OidcUser> users) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}" + StaffSecurity.SIGN_IN + "?utloggad");
        return new SignInMethod() {
            @Override
            public void apply(HttpSecurity http) throws Exception {
                http.oauth2Login(login -> login.loginPage(StaffSecurity.SIGN_IN)
                                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                                .userInfoEndpoint(info -> info.oidcUserService(users))
                                .defaultSuccessUrl("/personal/", false))
                        .logout(logout -> logout.logoutUrl("/logga-ut").logoutSuccessHandler(signedOut));
            }

            @Override
            public boolean oidc() {
                return true;
            }
        };
    }
}
