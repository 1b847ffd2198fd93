package se.medborgarlofte.local;

import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first run on a machine that is not clean: the local run, as its own JVM, stops within seconds with a non-zero
 * exit and one or two plain lines that name the problem and the fix, no stack trace, and nothing under the data
 * folder changed.
 */
class FirstRunProblemsTest {

    @TempDir
    Path temp;

    record Outcome(int exit, long millis, String output) {
    }

    Outcome start(Map<String, String> env) throws Exception {
        return start(env, null);
    }

    /** Starts the local run; with {@code stopWhen}, sends SIGTERM once its output contains that text. */
    Outcome start(Map<String, String> env, String stopWhen) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("DATA_DIR", temp.resolve("data").toString());
        all.put("EMBEDDED_MONGO_PORT", String.valueOf(freePort()));
        all.put("COMMAND_PORT", String.valueOf(freePort()));
        all.put("QUERY_PORT", String.valueOf(freePort()));
        all.put("WEB_PORT", String.valueOf(freePort()));
        all.put("DEMO_DATA", "false");
        all.putAll(env);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(temp.resolve("output.log").toFile());
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        all.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        long started = System.nanoTime();
        Process process = builder.start();
        if (stopWhen != null) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(temp.resolve("output.log")).contains(stopWhen) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            started = System.nanoTime();
            process.destroy();
        }
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(temp.resolve("output.log"));
        assertThat(exited).as("the local run stopped by itself; it said:\n" + output).isTrue();
        return new Outcome(process.exitValue(), (System.nanoTime() - started) / 1_000_000, output);
    }

    static void assertToldPlainly(Outcome outcome, String... keyWords) {
        assertThat(outcome.exit()).as(outcome.output()).isNotZero();
        assertThat(outcome.millis()).as("time to stop").isLessThan(15_000);
        assertThat(outcome.output()).contains(keyWords);
        assertThat(outcome.output()).as("no stack trace").doesNotContain("\tat ", "Exception in thread");
    }

    @Test
    void aTakenMongoPortIsNamedWithTheSettingThatMovesItAndTheExistingMongoAsAnAlternative() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Outcome outcome = start(Map.of("EMBEDDED_MONGO_PORT", String.valueOf(taken.getLocalPort())));
            assertToldPlainly(outcome, "Port " + taken.getLocalPort(), "port in use", "EMBEDDED_MONGO_PORT",
                    "MONGODB_URI");
        }
    }

    @Test
    void aTakenCommandQueryOrWebPortIsNamedWithItsSetting() throws Exception {
        for (String setting : List.of("COMMAND_PORT", "QUERY_PORT", "WEB_PORT")) {
            try (ServerSocket taken = new ServerSocket(0)) {
                Outcome outcome = start(Map.of(setting, String.valueOf(taken.getLocalPort())));
                assertToldPlainly(outcome, "Port " + taken.getLocalPort(), setting);
            }
        }
    }

    @Test
    void aDataFolderInUseByAnotherRunIsToldAndLeftAlone() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        String file = data.resolve("mongo.mv.db").toString();
        MVStore first = MVStore.open(file);
        first.openMap("x").put("k", "v");
        first.close();
        Map<String, String> before = contents(data);
        // held by this JVM as by another run; reading a file here would drop the lock (POSIX), so read after
        MVStore other = MVStore.open(file);
        try {
            Outcome outcome = start(Map.of());
            assertToldPlainly(outcome, data.toAbsolutePath().toString(), "data folder in use", "DATA_DIR");
            assertThat(contents(data)).isEqualTo(before);
        } finally {
            other.close();
        }
    }

    @Test
    void aDataFolderUnderAPlainFileIsToldPlainly() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
        Outcome outcome = start(Map.of("DATA_DIR", file.resolve("data").toString()));
        assertToldPlainly(outcome, "not writable", "DATA_DIR");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aDamagedDataFileIsNeitherRepairedNorReplaced() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        byte[] garbage = new byte[8192];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(data.resolve("mongo.mv.db"), garbage);
        Map<String, String> before = contents(data);
        Outcome outcome = start(Map.of());
        assertToldPlainly(outcome, "data file damaged", "mongo.mv.db");
        assertThat(contents(data)).isEqualTo(before);
    }

    @Test
    void anUnreachableMongoUriIsToldWithinSeconds() throws Exception {
        Outcome outcome = start(Map.of("MONGODB_URI", "mongodb://127.0.0.1:" + freePort() + "/medborgarlofte"));
        assertToldPlainly(outcome, "MONGODB_URI unreachable");
    }

    @Test
    void anUnreachableIdentityProviderIsToldInJwtMode() throws Exception {
        String issuer = "http://127.0.0.1:" + freePort() + "/realms/polisen";
        Outcome outcome = start(Map.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer));
        assertToldPlainly(outcome, issuer, "issuer unreachable");
    }

    @Test
    void aMalformedUsersFileIsToldAndKept() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("users.json"), "{\"users\": [ not json");
        Map<String, String> before = contents(data);
        Outcome outcome = start(Map.of());
        assertToldPlainly(outcome, "users file malformed", "users.json");
        assertThat(contents(data)).isEqualTo(before);
    }

    @Test
    void sigtermWhileStartingStopsWithinSecondsAndLeavesADataFileThatOpens() throws Exception {
        Outcome outcome = start(Map.of(), "started MongoServer");
        assertThat(outcome.millis()).as("time to stop after SIGTERM").isLessThan(15_000);
        try (MVStore store = new MVStore.Builder().fileName(temp.resolve("data").resolve("mongo.mv.db").toString())
                .readOnly().open()) {
            assertThat(store.getMapNames()).isNotNull();
        }
    }

    @Test
    void theRunScriptRefusesAJavaOlderThan17BeforeBuilding() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo '    java.specification.version = 11' >&2
                echo 'openjdk version "11.0.2"' >&2
                """);
        java.toFile().setExecutable(true);
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("run").toString()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().remove("JAVA_HOME");
        long started = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertToldPlainly(new Outcome(process.exitValue(), (System.nanoTime() - started) / 1_000_000, output),
                "Java 11", "17");
        assertThat(output).doesNotContain("Bygger");
    }

    /** Every file under a folder with a digest of its content. */
    static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> all = new ArrayList<>(files.filter(Files::isRegularFile).toList());
            for (Path file : all) {
                contents.put(folder.relativize(file).toString(), digest(Files.readAllBytes(file)));
            }
        }
        return contents;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
