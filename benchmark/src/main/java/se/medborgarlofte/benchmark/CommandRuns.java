package se.medborgarlofte.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static se.medborgarlofte.benchmark.EventStoreBenchmark.recordActivities;

/**
 * RecordActivity round robin over a run's promises, timed with one thread and then with {@code commandThreads},
 * each after its warm-up until the JIT is quiet ({@link WarmUp}); parts 2 and 5.
 * <p>
 * With a {@link Baseline} (part 5), the timed run is cut into {@value #SLICES} slices, each after a slice of the
 * baseline with as many threads and as long: the limit and the commands are measured in turns over the same
 * seconds, so that a ratio compares the two under the same load of the machine and its disk (measured apart, a few
 * seconds apart, the durable rates moved by a factor of two between runs of the same code).
 *
 * @param one       commands per second with one thread
 * @param many      commands per second with {@code commandThreads}
 * @param oneLimit  the baseline with one thread, over its slices (0 without a baseline)
 * @param manyLimit the baseline with {@code commandThreads}, over its slices (0 without a baseline)
 * @param errors    RecordActivity commands that failed (not counted)
 * @param note      how each warmed up, what the JIT compiled while measured, and what {@code counted} counted on one
 *                  thread
 */
record CommandRuns(double one, double many, double oneLimit, double manyLimit, long errors, String note) {

    static final int SLICES = 5;

    /** The limit the commands are compared with: a rate with so many threads for so many seconds. */
    interface Baseline {
        double rate(int threads, int seconds) throws Exception;
    }

    /** @param counted a counter of the backend to report per command of the one-thread run (null for none) */
    static CommandRuns measure(CommandGateway gateway, String run, Config config, String countedName,
                               LongSupplier counted) throws Exception {
        return measure(gateway, run, config, countedName, counted, null);
    }

    static CommandRuns measure(CommandGateway gateway, String run, Config config, String countedName,
                               LongSupplier counted, Baseline baseline) throws Exception {
        Timed timed = new Timed(gateway, run, config, baseline);
        WarmUp.Outcome warmOne = WarmUp.run(config.commandWarmupSeconds(), config.commandMaxWarmupSeconds(),
                s -> timed.commands(1, s));
        long jit = WarmUp.compiledMillis();
        long countedBefore = counted == null ? 0 : counted.getAsLong();
        long sent = timed.sequence.get();
        double[] one = timed.rates(1);
        long jitOne = WarmUp.compiledMillisSince(jit);
        String perCommand = counted == null ? "" : String.format(Locale.ROOT, "; %,d %s for %,d commands on 1 thread",
                counted.getAsLong() - countedBefore, countedName, timed.sequence.get() - sent);
        int threads = config.commandThreads();
        WarmUp.Outcome warmMany = WarmUp.run(1, config.commandMaxWarmupSeconds(), s -> timed.commands(threads, s));
        jit = WarmUp.compiledMillis();
        double[] many = timed.rates(threads);
        String note = String.format(Locale.ROOT, "RecordActivity after a %s for 1 thread and a %s for %d, JIT "
                + "compiling %d ms and %d ms during the measured runs", warmOne, warmMany, threads, jitOne,
                WarmUp.compiledMillisSince(jit)) + perCommand;
        return new CommandRuns(one[0], many[0], one[1], many[1], timed.errors.get(), note);
    }

    /** The timed runs of one measurement: the commands alone, or in turns with the baseline. */
    private record Timed(CommandGateway gateway, String run, Config config, Baseline baseline, AtomicLong sequence,
                         AtomicLong errors) {

        Timed(CommandGateway gateway, String run, Config config, Baseline baseline) {
            this(gateway, run, config, baseline, new AtomicLong(), new AtomicLong());
        }

        /** Commands per second, and the baseline's rate over the same turns (0 without one). */
        double[] rates(int threads) throws Exception {
            int seconds = config.commandSeconds();
            if (baseline == null) {
                return new double[]{commands(threads, seconds), 0};
            }
            int slice = Math.max(1, seconds / SLICES);
            double commands = 0;
            double limit = 0;
            for (int i = 0; i < SLICES; i++) {
                limit += baseline.rate(threads, slice);
                commands += commands(threads, slice);
            }
            return new double[]{commands / SLICES, limit / SLICES};
        }

        double commands(int threads, int seconds) throws Exception {
            return recordActivities(gateway, run, config.commandPromises(), threads, seconds, sequence, errors);
        }
    }
}
