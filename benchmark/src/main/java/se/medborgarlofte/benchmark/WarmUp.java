package se.medborgarlofte.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Warm-up until the JIT compilers are quiet. On 2 cores a C2 compiler thread still compiling the command path takes
 * most of a core, so a run measured while it does (after a fixed 3 s) measures the compiler as much as the code:
 * seen with {@code top -H}, C2 at 93 % of a core during the durable 1-thread run. A long-running server has long
 * finished compiling; the raw limits it is compared with compile within their first second.
 * <p>
 * The workload runs in rounds of one second, at least {@code minSeconds}, until a round in which the compilers
 * worked less than {@link #QUIET_MILLIS} ms (their summed time, {@link CompilationMXBean}), or {@code maxSeconds}.
 * What the compilers did during the measured run is reported next to its figure ({@link #compiledMillisSince}).
 */
final class WarmUp {

    /** Compilation per second of workload below which the JIT counts as quiet: 5 % of one core. */
    static final long QUIET_MILLIS = 50;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    @FunctionalInterface
    interface Round {
        void run(int seconds) throws Exception;
    }

    /** The outcome, for the notes: how long it took and whether the compilers went quiet. */
    record Outcome(int seconds, boolean quiet) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d s warm-up (%s)", seconds, quiet
                    ? "until a second in which the JIT compiled less than " + QUIET_MILLIS + " ms"
                    : "the JIT still compiling after it");
        }
    }

    private WarmUp() {
    }

    static Outcome run(int minSeconds, int maxSeconds, Round round) throws Exception {
        return run(minSeconds, maxSeconds, WarmUp::compiledMillis, round);
    }

    /** The same, with the compilers' time from {@code compiled} (e.g. this JVM's and another's). */
    static Outcome run(int minSeconds, int maxSeconds, LongSupplier compiled, Round round) throws Exception {
        int seconds = 0;
        while (seconds < maxSeconds) {
            long before = compiled.getAsLong();
            round.run(1);
            seconds++;
            if (seconds >= minSeconds && compiled.getAsLong() - before < QUIET_MILLIS) {
                return new Outcome(seconds, true);
            }
        }
        return new Outcome(seconds, false);
    }

    /** Milliseconds the JIT compilers spent so far (summed over its threads); 0 where the JVM does not tell. */
    static long compiledMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }

    static long compiledMillisSince(long before) {
        return compiledMillis() - before;
    }
}
