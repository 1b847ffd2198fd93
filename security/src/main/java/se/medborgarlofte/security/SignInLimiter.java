package se.medborgarlofte.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: after {@value #MAX_FAILURES} failed sign-ins for one user name from one client address within
 * 15 minutes, further tries for that name from that address are refused for 15 minutes. Keyed on name and address
 * together, so nobody can lock an officer out from elsewhere. Used by the web's sign-in form and by HTTP Basic on
 * the APIs.
 */
public final class SignInLimiter {

    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int PRUNE_ABOVE = 10_000;

    private record Key(String name, String address) {
    }

    private static final class Attempts {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant blockedUntil = Instant.MIN;
    }

    private final Clock clock;
    private final Map<Key, Attempts> attempts = new ConcurrentHashMap<>();

    public SignInLimiter(Clock clock) {
        this.clock = clock;
    }

    /** How long this name from this address is still refused; empty when it may try. */
    public Optional<Duration> blockedFor(String name, String address) {
        Attempts entry = attempts.get(key(name, address));
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            Instant now = clock.instant();
            return entry.blockedUntil.isAfter(now) ? Optional.of(Duration.between(now, entry.blockedUntil))
                    : Optional.empty();
        }
    }

    /** A wrong password (or unknown name) from this address. */
    public void failed(String name, String address) {
        if (attempts.size() > PRUNE_ABOVE) {
            prune();
        }
        Attempts entry = attempts.computeIfAbsent(key(name, address), k -> new Attempts());
        synchronized (entry) {
            Instant now = clock.instant();
            forgetOld(entry, now);
            entry.failures.addLast(now);
            if (entry.failures.size() >= MAX_FAILURES) {
                entry.blockedUntil = now.plus(WINDOW);
                entry.failures.clear();
            }
        }
    }

    /** A right password: the failures so far are forgotten. */
    public void succeeded(String name, String address) {
        attempts.remove(key(name, address));
    }

    private static void forgetOld(Attempts entry, Instant now) {
        while (!entry.failures.isEmpty() && !entry.failures.peekFirst().isAfter(now.minus(WINDOW))) {
            entry.failures.removeFirst();
        }
    }

    /** Keeps memory bounded: drops entries that neither block nor hold a recent failure. */
    private void prune() {
        Instant now = clock.instant();
        attempts.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                forgetOld(e.getValue(), now);
                return e.getValue().failures.isEmpty() && !e.getValue().blockedUntil.isAfter(now);
            }
        });
    }

    private static Key key(String name, String address) {
        return new Key(name == null ? "" : name.strip().toLowerCase(Locale.ROOT), address == null ? "" : address);
    }
}
