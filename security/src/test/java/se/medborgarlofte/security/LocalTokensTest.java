package se.medborgarlofte.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTokensTest {

    static final CurrentUser POLIS = new CurrentUser("polis", "Kommunpolis", "Lokalpolisområde Värnamo", Role.EDITOR);

    @Test
    void aTokenSignedByOneAppIsVerifiedByAnotherThatReadsTheSameKeyFile(@TempDir Path directory) throws Exception {
        Path key = LocalTokens.keyFile("", directory.resolve("users.json"));
        LocalTokens web = LocalTokens.loadOrCreate(key, Clock.systemUTC());
        LocalTokens api = LocalTokens.loadOrCreate(key, Clock.systemUTC());
        assertThat(key).isEqualTo(directory.resolve("token-key.json").toAbsolutePath());
        assertThat(Files.getPosixFilePermissions(key)).hasSize(2).allMatch(p -> p.name().startsWith("OWNER"));

        Jwt jwt = api.decoder().decode(web.mint(POLIS, Duration.ofMinutes(5)));
        assertThat(jwt.getSubject()).isEqualTo("polis");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("Kommunpolis");
        assertThat(jwt.getClaimAsStringList("roles")).isEqualTo(List.of("EDITOR"));
        assertThat(jwt.getClaimAsString("organisation")).isEqualTo("Lokalpolisområde Värnamo");
        assertThat(JwtUsers.role(jwt.getClaim("roles"))).isEqualTo(Role.EDITOR);
    }

    @Test
    void anExpiredTokenOrOneFromAnotherKeyIsRefused(@TempDir Path directory) {
        LocalTokens api = LocalTokens.loadOrCreate(directory.resolve("a.json"), Clock.systemUTC());
        LocalTokens other = LocalTokens.loadOrCreate(directory.resolve("b.json"), Clock.systemUTC());
        assertThatThrownBy(() -> api.decoder().decode(other.mint(POLIS, Duration.ofMinutes(5))))
                .isInstanceOf(JwtException.class);
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        LocalTokens late = LocalTokens.loadOrCreate(directory.resolve("a.json"), anHourAgo);
        assertThatThrownBy(() -> api.decoder().decode(late.mint(POLIS, Duration.ofMinutes(5))))
                .isInstanceOf(JwtException.class);
    }
}
