package se.medborgarlofte.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The sizes of one run; every one a system property with this default. */
record Config(Set<Integer> parts, int rawSeconds, int commandPromises, int commandSeconds, int commandThreads,
              int commandWarmupSeconds, int replayPromises, int replayEventsPerPromise, int replayBatchSize,
              int replayTimeoutSeconds, List<String> replayEngines, List<String> replayTimestamps,
              int replayWarmupPromises,
              int lagRate, int lagSeconds,
              int lagPromises, int lagPollMillis) {

    static Config fromSystemProperties() {
        return new Config(
                Arrays.stream(System.getProperty("bench.parts", "1,2,3,4,5,6,7").split(","))
                        .map(String::strip).map(Integer::valueOf).collect(Collectors.toSet()),
                Integer.getInteger("bench.raw.seconds", 5),
                Integer.getInteger("bench.commands.promises", 1000),
                Integer.getInteger("bench.commands.seconds", 20),
                Integer.getInteger("bench.commands.threads", 8),
                Integer.getInteger("bench.commands.warmupSeconds", 5),
                Integer.getInteger("bench.replay.promises", 1000),
                Integer.getInteger("bench.replay.eventsPerPromise", 100),
                Integer.getInteger("bench.replay.batchSize", 1000),
                Integer.getInteger("bench.replay.timeoutSeconds", 180),
                List.of(System.getProperty("bench.replay.engines", "sequenced,axon-mongo").split(",")),
                List.of(System.getProperty("bench.replay.timestamps", "history,now").split(",")),
                Integer.getInteger("bench.replay.warmupPromises", 100),
                Integer.getInteger("bench.lag.rate", 50),
                Integer.getInteger("bench.lag.seconds", 30),
                Integer.getInteger("bench.lag.promises", 100),
                Integer.getInteger("bench.lag.pollMillis", 5));
    }

    @Override
    public String toString() {
        return "bench.parts=" + parts.stream().sorted().map(String::valueOf).collect(Collectors.joining(","))
               + " bench.raw.seconds=" + rawSeconds
               + " bench.commands.promises=" + commandPromises + " bench.commands.seconds=" + commandSeconds
               + " bench.commands.threads=" + commandThreads
               + " bench.commands.warmupSeconds=" + commandWarmupSeconds
               + " bench.replay.promises=" + replayPromises
               + " bench.replay.eventsPerPromise=" + replayEventsPerPromise
               + " bench.replay.batchSize=" + replayBatchSize
               + " bench.replay.timeoutSeconds=" + replayTimeoutSeconds
               + " bench.replay.engines=" + String.join(",", replayEngines)
               + " bench.replay.timestamps=" + String.join(",", replayTimestamps)
               + " bench.replay.warmupPromises=" + replayWarmupPromises
               + " bench.lag.rate=" + lagRate + " bench.lag.seconds=" + lagSeconds
               + " bench.lag.promises=" + lagPromises + " bench.lag.pollMillis=" + lagPollMillis;
    }
}
