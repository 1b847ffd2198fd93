package se.medborgarlofte.local;

import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * "Today" for the tests that depend on it: {@value #TODAY_TEXT}, 10:00 in Stockholm when a test class starts, and
 * ticking from there (events recorded one after the other still get later times). Both apps use it for their rules
 * ("not in the future", default {@code asOf}); Axon stamps events with it, so "recorded on" is the same day too.
 * Inside the 2025 period of the test promises, so "in the future" and "outside the period" are different cases.
 */
final class TestClock {

    static final String TODAY_TEXT = "2025-09-15";
    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    static final LocalDate TODAY = LocalDate.parse(TODAY_TEXT);
    static final Instant START = TODAY.atTime(LocalTime.of(10, 0)).atZone(STOCKHOLM).toInstant();

    private static volatile Clock clock = startingNow();

    private TestClock() {
    }

    private static Clock startingNow() {
        return Clock.offset(Clock.system(STOCKHOLM), Duration.between(Instant.now(), START));
    }

    static Clock clock() {
        return clock;
    }

    static Instant now() {
        return clock.instant();
    }

    /**
     * Restarts the clock at {@link #START} and lets Axon stamp events with it (a JVM-wide setting: call
     * {@link #release()} when the test class is done).
     */
    static void install() {
        clock = startingNow();
        GenericEventMessage.clock = clock;
    }

    static void release() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    /** Properties that give an app this clock (as its primary {@link Clock} bean), plus the given ones. */
    static Map<String, Object> properties(Map<String, Object> more) {
        Map<String, Object> all = new HashMap<>(more);
        all.put("spring.main.sources", Config.class.getName());
        return all;
    }

    /** The same as command-line arguments, for apps started with a builder. */
    static String argument() {
        return "--spring.main.sources=" + Config.class.getName();
    }

    /** Added to an app's sources; primary, so it wins over the app's own system clock wherever a Clock is taken. */
    @Configuration(proxyBeanMethods = false)
    static class Config {
        @Bean
        @Primary
        Clock testClock() {
            return TestClock.clock();
        }
    }
}
