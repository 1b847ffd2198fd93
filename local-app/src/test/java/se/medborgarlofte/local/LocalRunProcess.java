package se.medborgarlofte.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The local run ({@link LocalApplication#main}) as a JVM of its own, on free ports, with its data in one folder. */
final class LocalRunProcess implements AutoCloseable {

    final int mongoPort = freePort();
    final int commandPort = freePort();
    final int queryPort = freePort();
    final int webPort = freePort();
    final Path log;
    private final Process process;

    LocalRunProcess(Path data, Path log) {
        this.log = log;
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"), LocalApplication.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("MONGODB_URI");
        builder.environment().put("DATA_DIR", data.toString());
        builder.environment().put("EMBEDDED_MONGO_PORT", String.valueOf(mongoPort));
        builder.environment().put("COMMAND_PORT", String.valueOf(commandPort));
        builder.environment().put("QUERY_PORT", String.valueOf(queryPort));
        builder.environment().put("WEB_PORT", String.valueOf(webPort));
        builder.environment().put("DEMO_DATA", "false");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until both apps answer; fails with the log's tail if the process dies or takes too long. */
    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the local run died while starting:\n" + tail());
            }
            if (answers(client, queryPort, "/api/promises") && answers(client, commandPort, "/actuator/health")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the local run did not start within " + timeout + ":\n" + tail());
    }

    private static boolean answers(HttpClient client, int port, String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the local run did not die from SIGKILL");
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
