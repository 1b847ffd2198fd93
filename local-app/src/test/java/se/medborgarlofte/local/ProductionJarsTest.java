package se.medborgarlofte.local;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' executable jars, which the images carry (see the Dockerfile), hold no embedded MongoDB server: it
 * is a dependency of the local run and of the tests only. Reads the jars the reactor packaged before this module's
 * tests run.
 */
class ProductionJarsTest {

    @ParameterizedTest
    @ValueSource(strings = {"command-side", "query-side", "web"})
    void aServiceJarCarriesNoEmbeddedServer(String service) throws IOException {
        Path jar = executableJar(service);
        List<String> libraries;
        try (JarFile file = new JarFile(jar.toFile())) {
            libraries = file.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
        }
        assertThat(libraries).as("libraries in " + jar).anyMatch(name -> name.contains("spring-boot-autoconfigure"))
                .noneMatch(name -> name.contains("mongo-java-server") || name.contains("embedded-mongo")
                                   || name.contains("/h2-") || name.contains("/h2mvstore-"));
    }

    private static Path executableJar(String service) throws IOException {
        Path target = Path.of("..", service, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no executable jar in " + target.toAbsolutePath()
                                                          + ": build the reactor (./mvnw verify)"));
        }
    }
}
