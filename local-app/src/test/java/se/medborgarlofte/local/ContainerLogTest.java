package se.medborgarlofte.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In a container (the environment the Dockerfile sets) an app logs one JSON object a line, for a log collector:
 * every line of its output, the first start's users table included, is JSON naming the service (but the JVM's own
 * "Picked up JAVA_TOOL_OPTIONS" notice, which it writes before any Java code runs).
 */
class ContainerLogTest {

    private static final Pattern ENV = Pattern.compile("^ENV[ \t]+([A-Z_]+)=\"?([^\"\n]*)\"?[ \t]*$",
            Pattern.MULTILINE);

    @TempDir
    Path workingDirectory;

    @Test
    void everyLineTheCommandSideWritesInAContainerIsAJsonLogEvent() throws Exception {
        Path log = workingDirectory.resolve("console.log");
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                    CommandSideApplication.class.getName())
                    .directory(workingDirectory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(dockerfileEnvironment());
            builder.environment().put("MONGODB_URI", mongo.uri("container-log"));
            builder.environment().put("PORT", "0");
            Process app = builder.start();
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                        !app.isAlive() || Files.readString(log).contains("Started CommandSideApplication"));
                assertThat(app.isAlive()).as(Files.readString(log)).isTrue();
            } finally {
                app.destroy();
                app.waitFor(30, TimeUnit.SECONDS);
            }
        }
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            // the JVM's own notice, on standard error before any Java code runs
            if (!line.isBlank() && !line.startsWith("Picked up JAVA_TOOL_OPTIONS:")) {
                assertThat(line).as("a JSON object").startsWith("{").endsWith("}");
                events.add(json.readTree(line));
            }
        }
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(field(event, "service", "name")).isEqualTo("command-side");
            assertThat(field(event, "log", "level")).isNotBlank();
            assertThat(event.get("message")).isNotNull();
        });
        assertThat(events).as("the first start's users, in one event").anySatisfy(event ->
                assertThat(event.get("message").asString()).contains("Lokala användare skapades", "admin", "lasare"));
    }

    /** ECS nests its fields ({@code {"service": {"name": ...}}}), as the README's {@code jq} examples read them. */
    private static String field(JsonNode event, String outer, String inner) {
        return event.path(outer).path(inner).asString("");
    }

    /** The ENV lines of the Dockerfile's runtime stage: what every container of the image runs with. */
    static java.util.Map<String, String> dockerfileEnvironment() throws Exception {
        String dockerfile = Files.readString(Path.of("..").toAbsolutePath().normalize().resolve("Dockerfile"));
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("FROM "));
        java.util.Map<String, String> environment = new java.util.HashMap<>();
        Matcher env = ENV.matcher(runtime);
        while (env.find()) {
            environment.put(env.group(1), env.group(2));
        }
        assertThat(environment).containsKey("LOGGING_STRUCTURED_FORMAT_CONSOLE");
        return environment;
    }
}
