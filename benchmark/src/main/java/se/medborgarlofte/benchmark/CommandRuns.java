package se.medborgarlofte.benchmark;

import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static se.medborgarlofte.benchmark.EventStoreBenchmark.recordActivities;

/**
 * RecordActivity round robin over a run's promises, timed with one thread and then with {@code commandThreads},
 * each after its warm-up until the JIT is quiet ({@link WarmUp}); parts 2 and 5.
 *
 * @param one   commands per second with one thread
 * @param many  commands per second with {@code commandThreads}
 * @param errors RecordActivity commands that failed (not counted)
 * @param note  how each warmed up, what the JIT compiled while measured, and what {@code counted} counted on one thread
 */
record CommandRuns(double one, double many, long errors, String note) {

    /** @param counted a counter of the backend to report per command of the one-thread run (null for none) */
    static CommandRuns measure(CommandGateway gateway, String run, Config config, String countedName,
                               LongSupplier counted) throws Exception {
        int promises = config.commandPromises();
        AtomicLong sequence = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        WarmUp.Outcome warmOne = WarmUp.run(config.commandWarmupSeconds(), config.commandMaxWarmupSeconds(),
                s -> recordActivities(gateway, run, promises, 1, s, sequence, errors));
        long jit = WarmUp.compiledMillis();
        long countedBefore = counted == null ? 0 : counted.getAsLong();
        long sent = sequence.get();
        double one = recordActivities(gateway, run, promises, 1, config.commandSeconds(), sequence, errors);
        long jitOne = WarmUp.compiledMillisSince(jit);
        String perCommand = counted == null ? "" : String.format(Locale.ROOT, "; %,d %s for %,d commands on 1 thread",
                counted.getAsLong() - countedBefore, countedName, sequence.get() - sent);
        WarmUp.Outcome warmMany = WarmUp.run(1, config.commandMaxWarmupSeconds(),
                s -> recordActivities(gateway, run, promises, config.commandThreads(), s, sequence, errors));
        jit = WarmUp.compiledMillis();
        double many = recordActivities(gateway, run, promises, config.commandThreads(), config.commandSeconds(),
                sequence, errors);
        String note = String.format(Locale.ROOT, "RecordActivity after a %s for 1 thread and a %s for %d, JIT "
                + "compiling %d ms and %d ms during the measured runs", warmOne, warmMany, config.commandThreads(),
                jitOne, WarmUp.compiledMillisSince(jit)) + perCommand;
        return new CommandRuns(one, many, errors.get(), note);
    }
}
