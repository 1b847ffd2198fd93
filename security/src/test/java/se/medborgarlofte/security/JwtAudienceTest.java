package se.medborgarlofte.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** In jwt mode the app does not start without the audience its tokens must carry; local users need none. */
class JwtAudienceTest {

    final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class));

    @Test
    void anIssuerWithoutAnAudienceStopsTheStartWithAMessageNamingTheProperty() {
        app.withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.test")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context.getStartupFailure()).getMessage())
                            .contains("spring.security.oauth2.resourceserver.jwt.audiences")
                            .contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES");
                });
    }

    @Test
    void aJwkSetWithABlankAudienceStopsTheStartToo() {
        app.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://idp.test/keys",
                "spring.security.oauth2.resourceserver.jwt.audiences= ").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void withAnAudienceJwtModeStarts() {
        app.withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.test",
                "spring.security.oauth2.resourceserver.jwt.audiences=api://medborgarlofte,api://annan")
                .run(context -> assertThat(context.getBean(SecurityAutoConfiguration.ResolvedSecuritySettings.class)
                        .settings().basic()).isFalse());
    }

    @Test
    void localUsersNeedNoAudience(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) {
        app.withPropertyValues("medborgarlofte.security.users-file=" + directory.resolve("users.json"))
                .run(context -> assertThat(context.getBean(SecurityAutoConfiguration.ResolvedSecuritySettings.class)
                        .settings().basic()).isTrue());
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
