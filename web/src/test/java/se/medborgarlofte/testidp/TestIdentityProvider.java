package se.medborgarlofte.testidp;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real OpenID Connect provider for tests (Spring Authorization Server): one user, {@value #USER}, an EDITOR of
 * Lokalpolisområde Värnamo, whose ID and access tokens carry the role, organisation and name claims; one client,
 * the web, with a secret, PKCE required. Runs on 127.0.0.1 so its cookies never mix with the web's (localhost).
 */
@SpringBootApplication
@EnableWebSecurity
public class TestIdentityProvider {

    public static final String USER = "oidc-polis";
    public static final String PASSWORD = "oidc-lösenord";
    public static final String CLIENT = "medborgarlofte-web";
    public static final String SECRET = "webbens-hemlighet";
    /** The audience of the access tokens: the APIs', as an IdP names an API (the ID token's stays the web's id). */
    public static final String API_AUDIENCE = "api://medborgarlofte";

    public static ConfigurableApplicationContext start(int port, int webPort) {
        return new SpringApplicationBuilder(TestIdentityProvider.class)
                .properties("spring.config.name=test-idp", "medborgarlofte.web.context=true",
                        "spring.thymeleaf.check-template-location=false", "spring.main.register-shutdown-hook=false")
                .run("--server.port=" + port, "--server.address=127.0.0.1", "--test-idp.web-port=" + webPort);
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
        }).authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.ALL)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
    }

    @Bean
    RegisteredClientRepository clients(@Value("${test-idp.web-port}") int webPort) {
        return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT).clientSecret("{noop}" + SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri("http://localhost:" + webPort + "/login/oauth2/code/staff")
                .postLogoutRedirectUri("http://localhost:" + webPort + "/logga-in?utloggad")
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build());
    }

    /** The claims the APIs and the web read, on the ID token and the access token alike; the APIs' audience. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
        Map<String, Object> claims = Map.of("roles", List.of("EDITOR"), "organisation", "Lokalpolisområde Värnamo",
                "name", "Kommunpolis via OIDC");
        return context -> {
            claims.forEach(context.getClaims()::claim);
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().audience(List.of(API_AUDIENCE));
            }
        };
    }

    @Bean
    JWKSource<SecurityContext> keys() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings settings(@Value("${server.port}") int port) {
        return AuthorizationServerSettings.builder().issuer("http://127.0.0.1:" + port).build();
    }
}
