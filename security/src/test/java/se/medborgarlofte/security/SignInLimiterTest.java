package se.medborgarlofte.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SignInLimiterTest {

    final MovableClock clock = new MovableClock();
    final SignInLimiter limiter = new SignInLimiter(clock);

    @Test
    void theFifthFailureWithinFifteenMinutesBlocksThatNameFromThatAddressForFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            limiter.failed("polis", "10.0.0.1");
            clock.advance(Duration.ofMinutes(3));
        }
        assertThat(limiter.blockedFor("polis", "10.0.0.1")).as("four failures").isEmpty();
        limiter.failed("polis", "10.0.0.1");
        assertThat(limiter.blockedFor("polis", "10.0.0.1")).contains(Duration.ofMinutes(15));
        assertThat(limiter.blockedFor("POLIS ", "10.0.0.1")).as("the same name, typed differently").isPresent();
        assertThat(limiter.blockedFor("polis", "10.0.0.2")).as("nobody locks an officer out from elsewhere").isEmpty();
        assertThat(limiter.blockedFor("kommun", "10.0.0.1")).as("another name from the same address").isEmpty();
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(limiter.blockedFor("polis", "10.0.0.1")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.blockedFor("polis", "10.0.0.1")).isEmpty();
    }

    @Test
    void failuresOlderThanFifteenMinutesDoNotCount() {
        for (int i = 0; i < 4; i++) {
            limiter.failed("polis", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(15));
        limiter.failed("polis", "10.0.0.1");
        assertThat(limiter.blockedFor("polis", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessfulSignInForgetsTheFailuresSoFar() {
        for (int i = 0; i < 4; i++) {
            limiter.failed("polis", "10.0.0.1");
        }
        limiter.succeeded("polis", "10.0.0.1");
        limiter.failed("polis", "10.0.0.1");
        assertThat(limiter.blockedFor("polis", "10.0.0.1")).isEmpty();
    }
}
