package se.medborgarlofte.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** A query side in its own JVM, on the test's classpath; output to a file under {@code target/}. */
final class QuerySideProcess {
    private final Process process;
    final Path log;

    private QuerySideProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static QuerySideProcess start(String mongoUri, Path users, Path log, boolean smallBatches) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // under surefire this is its manifest-only jar, whose Class-Path the JVM honours with -cp
                "-cp", System.getProperty("java.class.path"),
                "se.medborgarlofte.query.QuerySideApplication",
                "--spring.mongodb.uri=" + mongoUri,
                "--server.port=0",
                "--medborgarlofte.security.users-file=" + users));
        if (smallBatches) {
            command.add("--axon.eventhandling.processors.activities.batch-size=10");
            command.add("--axon.eventhandling.processors.promises.batch-size=10");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("PORT");
        return new QuerySideProcess(builder.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no last token update, no flush. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("The query side did not die from SIGKILL");
        }
    }

    int exitCode() {
        return process.exitValue();
    }

    void destroy() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String tail() {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the condition; fails at once if the process stops, or after the timeout, with its log's tail. */
    static void awaitCondition(String what, Duration timeout, Duration interval, QuerySideProcess process,
                               BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (process != null && !process.isAlive()) {
                fail("The query side stopped while waiting for " + what + " (exit " + process.exitCode() + "); log "
                     + process.log + ":\n" + process.tail());
            }
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + timeout + " waiting for " + what
                     + (process == null ? "" : "; log " + process.log + ":\n" + process.tail()));
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
