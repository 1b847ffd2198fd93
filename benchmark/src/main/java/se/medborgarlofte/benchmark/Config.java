package se.medborgarlofte.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sizes of one run; every one a system property. The profile ({@code bench.profile}, or {@code quick} / {@code
 * full} as the command's argument) picks the defaults: {@code full} measures longer and replays both timestamp
 * spreads; {@code quick} finishes within 15 minutes after the build on 2 cores (the same 100,000-event replay, shorter
 * timed runs, one timestamp spread).
 */
record Config(String profile, Set<Integer> parts, int rawSeconds, int commandPromises, int commandSeconds,
              int commandThreads, int commandWarmupSeconds, int commandMaxWarmupSeconds, int replayPromises, int replayEventsPerPromise,
              int replayBatchSize, int replayTimeoutSeconds, int replayStockTimeoutSeconds, List<String> replayEngines,
              List<String> replayTimestamps, int replayWarmupPromises, boolean replayFileBacked,
              int lagRate, int lagSeconds, int lagPromises, int lagPollMillis, int webRequests, String resultsFile) {

    static Config fromSystemProperties() {
        boolean quick = "quick".equals(System.getProperty("bench.profile", "full"));
        return new Config(
                quick ? "quick" : "full",
                Arrays.stream(System.getProperty("bench.parts", "1,2,3,4,5,6,7,8,9,10,11").split(","))
                        .map(String::strip).map(Integer::valueOf).collect(Collectors.toSet()),
                Integer.getInteger("bench.raw.seconds", quick ? 3 : 5),
                Integer.getInteger("bench.commands.promises", 1000),
                Integer.getInteger("bench.commands.seconds", quick ? 10 : 20),
                Integer.getInteger("bench.commands.threads", 8),
                Integer.getInteger("bench.commands.warmupSeconds", quick ? 3 : 5),
                Integer.getInteger("bench.commands.maxWarmupSeconds", quick ? 20 : 40),
                Integer.getInteger("bench.replay.promises", 1000),
                Integer.getInteger("bench.replay.eventsPerPromise", 100),
                Integer.getInteger("bench.replay.batchSize", 1000),
                Integer.getInteger("bench.replay.timeoutSeconds", 180),
                Integer.getInteger("bench.replay.stockTimeoutSeconds", 60),
                List.of(System.getProperty("bench.replay.engines", "sequenced,axon-mongo").split(",")),
                List.of(System.getProperty("bench.replay.timestamps", quick ? "history" : "history,now").split(",")),
                Integer.getInteger("bench.replay.warmupPromises", 100),
                !"memory".equals(System.getProperty("bench.replay.backend", "file")),
                Integer.getInteger("bench.lag.rate", 50),
                Integer.getInteger("bench.lag.seconds", quick ? 15 : 30),
                Integer.getInteger("bench.lag.promises", 100),
                Integer.getInteger("bench.lag.pollMillis", 5),
                Integer.getInteger("bench.web.requests", quick ? 200 : 400),
                System.getProperty("bench.results", "benchmark/results/latest.md"));
    }

    /** The engine's time limit for a replay: Axon's stock engine is stopped (FAILED) at its own, shorter cap. */
    int replayTimeoutSeconds(String engine) {
        return "axon-mongo".equals(engine) ? replayStockTimeoutSeconds : replayTimeoutSeconds;
    }

    @Override
    public String toString() {
        return "bench.profile=" + profile
               + " bench.parts=" + parts.stream().sorted().map(String::valueOf).collect(Collectors.joining(","))
               + " bench.raw.seconds=" + rawSeconds
               + " bench.commands.promises=" + commandPromises + " bench.commands.seconds=" + commandSeconds
               + " bench.commands.threads=" + commandThreads
               + " bench.commands.warmupSeconds=" + commandWarmupSeconds
               + " bench.commands.maxWarmupSeconds=" + commandMaxWarmupSeconds
               + " bench.replay.promises=" + replayPromises
               + " bench.replay.eventsPerPromise=" + replayEventsPerPromise
               + " bench.replay.batchSize=" + replayBatchSize
               + " bench.replay.timeoutSeconds=" + replayTimeoutSeconds
               + " bench.replay.stockTimeoutSeconds=" + replayStockTimeoutSeconds
               + " bench.replay.engines=" + String.join(",", replayEngines)
               + " bench.replay.timestamps=" + String.join(",", replayTimestamps)
               + " bench.replay.warmupPromises=" + replayWarmupPromises
               + " bench.replay.backend=" + (replayFileBacked ? "file" : "memory")
               + " bench.lag.rate=" + lagRate + " bench.lag.seconds=" + lagSeconds
               + " bench.lag.promises=" + lagPromises + " bench.lag.pollMillis=" + lagPollMillis
               + " bench.web.requests=" + webRequests + " bench.results=" + resultsFile;
    }
}
