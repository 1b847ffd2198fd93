package se.medborgarlofte.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitedSignInTest {

    final MovableClock clock = new MovableClock();
    final AtomicInteger hashChecks = new AtomicInteger();
    final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            hashChecks.incrementAndGet();
            return delegate.matches(raw, encoded);
        }
    };

    LimitedSignIn signIn(Path directory, VerifiedCredentials verified) {
        Path file = directory.resolve("users.json");
        LocalUsers.provision(file, List.of(new LocalUsers.NewUser("polis", "Kommunpolis", Role.EDITOR,
                "Lokalpolisområde Värnamo", "rätt-lösenord")), 4);
        return new LimitedSignIn(LocalUsers.load(file, counting, JsonMapper.builder().build()), counting,
                new SignInLimiter(clock), verified);
    }

    static Authentication attempt(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }

    @Test
    void aVerifiedBasicCredentialIsRememberedForAFewMinutesSoTheHashIsCheckedOnce(@TempDir Path directory) {
        LimitedSignIn basic = signIn(directory, new VerifiedCredentials(clock, Duration.ofMinutes(3)));
        Authentication first = basic.authenticate(attempt("polis", "rätt-lösenord"));
        assertThat(first.getPrincipal()).isEqualTo(new CurrentUser("polis", "Kommunpolis", "Lokalpolisområde Värnamo",
                Role.EDITOR));
        assertThat(first.getCredentials()).as("no password kept").isNull();
        for (int i = 0; i < 20; i++) {
            assertThat(basic.authenticate(attempt("polis", "rätt-lösenord")).isAuthenticated()).isTrue();
        }
        assertThat(hashChecks).as("BCrypt once for 21 calls").hasValue(1);
        assertThatThrownBy(() -> basic.authenticate(attempt("polis", "fel-lösenord")))
                .as("another password is checked, and refused").isInstanceOf(BadCredentialsException.class);
        assertThat(hashChecks).hasValue(2);
        clock.advance(Duration.ofMinutes(3));
        basic.authenticate(attempt("polis", "rätt-lösenord"));
        assertThat(hashChecks).as("checked again after the time to live").hasValue(3);
    }

    @Test
    void withoutTheCacheEverySignInChecksTheHash(@TempDir Path directory) {
        LimitedSignIn form = signIn(directory, null);
        form.authenticate(attempt("polis", "rätt-lösenord"));
        form.authenticate(attempt("polis", "rätt-lösenord"));
        assertThat(hashChecks).hasValue(2);
    }

    @Test
    void afterFiveFailuresEvenTheRightPasswordIsRefusedUntilTheBlockEnds(@TempDir Path directory) {
        LimitedSignIn basic = signIn(directory, new VerifiedCredentials(clock, Duration.ofMinutes(3)));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> basic.authenticate(attempt("polis", "gissning")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> basic.authenticate(attempt("polis", "rätt-lösenord")))
                .isInstanceOfSatisfying(TooManySignInAttempts.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(15 * 60));
        clock.advance(Duration.ofMinutes(15));
        assertThat(basic.authenticate(attempt("polis", "rätt-lösenord")).isAuthenticated()).isTrue();
    }

    @Test
    void anUnknownNameTakesAHashCheckLikeAWrongPassword(@TempDir Path directory) {
        LimitedSignIn form = signIn(directory, null);
        assertThatThrownBy(() -> form.authenticate(attempt("okand", "x"))).isInstanceOf(BadCredentialsException.class);
        assertThat(hashChecks).hasValue(1);
    }
}
