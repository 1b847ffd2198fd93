package se.medborgarlofte.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** Refused by {@link SignInLimiter}: answered with 429 and {@code Retry-After}. */
public final class TooManySignInAttempts extends AuthenticationException {

    private final transient Duration retryAfter;

    public TooManySignInAttempts(Duration retryAfter) {
        super("Too many failed sign-ins for this name from this address");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
