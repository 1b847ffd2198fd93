package se.medborgarlofte.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers HTTP Basic credentials that passed the BCrypt check for a few minutes, so a script calling the API does
 * not pay for BCrypt (tens of milliseconds) on every request. Neither name nor password is kept: the key is an
 * HMAC of both, with a secret that is random per process, so the memory holds nothing to test guesses against.
 */
public final class VerifiedCredentials {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(3);
    private static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Duration ttl;
    private final byte[] secret = new byte[32];
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    public VerifiedCredentials(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
        new SecureRandom().nextBytes(secret);
    }

    /** Whether this name and password were verified less than the time to live ago. */
    public boolean contains(String username, String password) {
        String key = key(username, password);
        Instant until = verified.get(key);
        if (until == null) {
            return false;
        }
        if (!until.isAfter(clock.instant())) {
            verified.remove(key, until);
            return false;
        }
        return true;
    }

    public void remember(String username, String password) {
        Instant now = clock.instant();
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(until -> !until.isAfter(now));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(key(username, password), now.plus(ttl));
    }

    private String key(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
