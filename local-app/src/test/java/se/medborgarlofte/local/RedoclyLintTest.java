package se.medborgarlofte.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code redocly lint} (the linter integrators use, from npm) with its recommended rules finds no error in either
 * description in {@code docs/openapi} ({@link ApiDescriptionTest} keeps them equal to what the apps serve). Skipped,
 * with a message, where {@code npx} is missing; the README gives the same command to run by hand.
 */
class RedoclyLintTest {

    @Test
    void bothDescriptionsPassTheRecommendedRules() throws IOException, InterruptedException {
        assumeTrue(onPath("npx"), "npx (Node.js) is not installed: redocly lint not run");
        Path log = Files.createTempFile("redocly", ".log");
        Process lint = new ProcessBuilder("npx", "--yes", "@redocly/cli@2", "lint",
                "docs/openapi/command-side.json", "docs/openapi/query-side.json")
                .directory(Path.of("..").toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = lint.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assumeTrue(finished && !output.contains("ENOTFOUND") && !output.contains("EAI_AGAIN"),
                "redocly could not be fetched from npm: " + output);
        assertThat(lint.exitValue()).as(output).isZero();
        assertThat(output).contains("Woohoo!");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
