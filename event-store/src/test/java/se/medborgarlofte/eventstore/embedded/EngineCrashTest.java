package se.medborgarlofte.eventstore.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import se.medborgarlofte.embedded.EmbeddedMongoServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten quick crash cycles of the engine alone: a separate JVM appends with four writers to the file-backed embedded
 * server and is killed with {@code kill -9} at a random moment; every append it had been answered for must be in
 * the file when it is opened again, and each aggregate's stream must have no hole. The moment is random, counted
 * from the first answered append.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EngineCrashTest {

    private static final int CYCLES = 10;

    @TempDir
    Path data;

    @Test
    void noAnsweredAppendIsLostWhenTheProcessIsKilled() throws Exception {
        Random random = new Random();
        long acknowledged = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            List<String> acks = runAndKill("c" + cycle, 300 + random.nextInt(900));
            assertThat(acks).as("appends answered in cycle %d", cycle).isNotEmpty();
            acknowledged += acks.size();
            try (EmbeddedMongoServer server = EmbeddedMongoServer.fileBacked(data, "127.0.0.1", 0);
                 MongoClient client = MongoClients.create(server.connectionString())) {
                Set<String> stored = new HashSet<>();
                client.getDatabase("crash").getCollection("events").find()
                        .forEach((Document event) -> stored.add(event.getString("_id")));
                assertThat(stored).as("answered appends after kill -9 in cycle %d", cycle).containsAll(acks);
                assertNoHoles(stored, "c" + cycle);
            }
        }
        System.out.printf("engine crash test: %d cycles, %d appends answered, 0 lost%n", CYCLES, acknowledged);
    }

    private static void assertNoHoles(Set<String> stored, String run) {
        for (int writer = 0; writer < 4; writer++) {
            String aggregate = run + "-w" + writer;
            long count = stored.stream().filter(id -> id.startsWith(aggregate + "/")).count();
            for (long sequence = 0; sequence < count; sequence++) {
                assertThat(stored).contains(aggregate + "/" + sequence);
            }
        }
    }

    private List<String> runAndKill(String run, long afterMillis) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EngineCrashWriter.class.getName(),
                data.toString(), run).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acks = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstAnswer = new CountDownLatch(1);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("ACK ")) {
                        acks.add(line.substring(4));
                        firstAnswer.countDown();
                    }
                }
            } catch (IOException e) {
                // the process died mid-line: what was read counts
            }
        });
        try {
            assertThat(firstAnswer.await(60, TimeUnit.SECONDS)).as("a first append answered").isTrue();
            Thread.sleep(afterMillis);
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        reader.get(30, TimeUnit.SECONDS);
        return acks;
    }
}
