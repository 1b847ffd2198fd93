package se.medborgarlofte.local;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scaled-out {@code docker-compose.yml} as {@code docker-compose config} resolves it (no Docker engine is needed
 * for that): it is valid, it refuses to run without the MongoDB passwords, and it has what the README promises —
 * three MongoDB members in replica set rs0 with a keyfile and no published port, two command-side and two
 * query-side replicas that sign in as the app user, only the TLS proxy publishing ports (443, 80) and routing to
 * every replica, and the backup service. Skipped, with a message, where docker-compose is not installed
 * ({@code .ci/run} installs it).
 */
class ComposeFileTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> PASSWORDS = Map.of(
            "MONGO_ROOT_PASSWORD", "root-secret", "MONGO_APP_PASSWORD", "app-secret",
            "MONGO_BACKUP_PASSWORD", "backup-secret", "GRAFANA_ADMIN_PASSWORD", "grafana-secret");

    private static List<String> compose;
    private static Path emptyEnvFile;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void findDockerCompose() throws IOException {
        compose = onPath("docker-compose") ? List.of("docker-compose") : null;
        assumeTrue(compose != null, "docker-compose is not installed (apt-get install docker-compose): "
                + "docker-compose.yml not validated");
        // A developer's own .env must not decide the outcome.
        emptyEnvFile = Files.createTempFile("compose", ".env");
    }

    @Test
    void theFileIsValid() throws Exception {
        Result result = run(PASSWORDS, "config", "-q");
        assertThat(result.exitCode).as(result.output).isZero();
    }

    @Test
    void itRefusesToRunWithoutThePasswords() throws Exception {
        for (String missing : PASSWORDS.keySet()) {
            Map<String, String> others = new java.util.HashMap<>(PASSWORDS);
            others.remove(missing);
            Result result = run(others, "config", "-q");
            assertThat(result.exitCode).as(result.output).isNotZero();
            assertThat(result.output).contains("set " + missing + " in .env");
        }
    }

    @Test
    void threeMongoMembersInOneReplicaSetWithAKeyfileAndNoPublishedPort() throws Exception {
        Map<String, Map<String, Object>> services = services();
        List<String> members = services.entrySet().stream()
                .filter(s -> String.valueOf(s.getValue().get("command")).startsWith("[mongod"))
                .map(Map.Entry::getKey).sorted().toList();
        assertThat(members).containsExactly("mongo1", "mongo2", "mongo3");
        for (String member : members) {
            String command = String.valueOf(services.get(member).get("command"));
            assertThat(command).contains("--replSet, rs0").contains("--keyFile, /keyfile/mongo.key");
            assertThat(String.valueOf(services.get(member).get("volumes"))).contains("/keyfile:ro")
                    .contains(member + "-data");
            assertThat(services.get(member)).containsKey("healthcheck").doesNotContainKey("ports");
        }
        String keyfile = Files.readString(PROJECT.resolve("deploy/mongo/keyfile.sh"));
        assertThat(keyfile).contains("chmod 400").contains("chown mongodb:mongodb");
        String init = Files.readString(PROJECT.resolve("deploy/mongo/init-replica-set.js"));
        assertThat(init).contains("_id: 'rs0'").contains("mongo1:27017").contains("mongo2:27017")
                .contains("mongo3:27017").contains("role: 'readWrite', db: 'medborgarlofte'");
        assertThat(services.get("mongo-init").get("network_mode")).isEqualTo("service:mongo1");
    }

    @Test
    void twoCommandSideAndTwoQuerySideReplicasSignInAsTheAppUser() throws Exception {
        Map<String, Map<String, Object>> services = services();
        for (String app : List.of("command-side", "query-side")) {
            List<String> replicas = services.entrySet().stream()
                    .filter(s -> app.equals(buildArg(s.getValue()))).map(Map.Entry::getKey).sorted().toList();
            assertThat(replicas).as(app).containsExactly(app + "-1", app + "-2");
            for (String replica : replicas) {
                Map<String, Object> service = services.get(replica);
                String uri = String.valueOf(environment(service).get("MONGODB_URI"));
                assertThat(uri).as(replica).isEqualTo("mongodb://medborgarlofte:app-secret@mongo1:27017,"
                        + "mongo2:27017,mongo3:27017/medborgarlofte?replicaSet=rs0");
                // Memory limit and health check kept from the single-node file.
                assertThat(service).as(replica).containsKeys("mem_limit", "healthcheck");
            }
        }
        assertThat(environment(services.get("command-side-1")).get("MEDBORGARLOFTE_DEMODATA_ENABLED"))
                .isEqualTo("false");
        assertThat(environment(services.get("web")).get("QUERY_URL")).isEqualTo("http://proxy:8081");
    }

    @Test
    void onlyTheProxyPublishesPortsAndItRoutesToEveryReplica() throws Exception {
        Map<String, Map<String, Object>> services = services();
        List<String> publishing = services.entrySet().stream().filter(s -> s.getValue().containsKey("ports"))
                .map(Map.Entry::getKey).toList();
        assertThat(publishing).containsExactly("proxy");
        assertThat(String.valueOf(services.get("proxy").get("ports")))
                .contains("published=443").contains("published=80");
        String caddyfile = Files.readString(PROJECT.resolve("deploy/proxy/Caddyfile"));
        assertThat(caddyfile).contains("tls internal")
                .contains("method POST").contains("path /api/promises /api/promises/*")
                .contains("reverse_proxy command-side-1:8080 command-side-2:8080")
                .contains("@query path /api/promises /api/promises/* /api/operations /api/operations/*")
                .contains("reverse_proxy query-side-1:8081 query-side-2:8081")
                .contains("reverse_proxy web:8082");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryReplicaAndGrafanaShowsTheDashboardBehindTheProxy() throws Exception {
        Map<String, Map<String, Object>> services = services();
        for (String app : List.of("command-side", "query-side")) {
            String port = app.equals("command-side") ? "8080" : "8081";
            assertThat(String.valueOf(services.get(app + "-1").get("healthcheck"))).as(app + " is healthy when ready")
                    .contains("http://localhost:" + port + "/actuator/health/readiness");
        }
        Map<String, Object> prometheus = new Yaml().load(Files.readString(PROJECT.resolve(
                "deploy/prometheus/prometheus.yml")));
        List<String> scraped = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
            for (Map<String, Object> targets : (List<Map<String, Object>>) job.get("static_configs")) {
                scraped.addAll((List<String>) targets.get("targets"));
            }
        }
        assertThat(scraped).containsExactlyInAnyOrder("command-side-1:8080", "command-side-2:8080",
                "query-side-1:8081", "query-side-2:8081");
        assertThat(scraped).allSatisfy(target -> assertThat(services).containsKey(target.split(":")[0]));
        assertThat(String.valueOf(services.get("prometheus").get("volumes"))).contains("prometheus.yml");
        Map<String, Object> grafana = services.get("grafana");
        assertThat(environment(grafana)).containsEntry("GF_SECURITY_ADMIN_PASSWORD", "grafana-secret")
                .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false");
        assertThat(String.valueOf(grafana.get("volumes"))).contains("/etc/grafana/provisioning")
                .contains("/var/lib/grafana/dashboards");
        assertThat(PROJECT.resolve("deploy/grafana/dashboards/medborgarlofte.json")).exists();
        String caddyfile = Files.readString(PROJECT.resolve("deploy/proxy/Caddyfile"));
        assertThat(caddyfile).contains("handle /grafana*").contains("reverse_proxy grafana:3000")
                .contains("health_uri /actuator/health/liveness").doesNotContain("handle /actuator");
    }

    @Test
    void aBackupServiceDumpsDailyAndKeepsFourteen() throws Exception {
        Map<String, Object> backup = services().get("backup");
        assertThat(backup).as("a service named backup").isNotNull();
        assertThat(String.valueOf(backup.get("entrypoint"))).contains("/deploy/backup.sh");
        assertThat(environment(backup)).containsEntry("BACKUP_KEEP", "14");
        assertThat(String.valueOf(environment(backup).get("MONGODB_URI")))
                .startsWith("mongodb://backup:backup-secret@").contains("replicaSet=rs0");
        assertThat(String.valueOf(backup.get("volumes"))).contains("backups");
        String script = Files.readString(PROJECT.resolve("deploy/backup/backup.sh"));
        assertThat(script).contains("mongodump").contains("--archive=").contains("--gzip").contains("--oplog");
        assertThat(Files.readString(PROJECT.resolve("deploy/backup/restore.sh")))
                .contains("mongorestore").contains("--archive=").contains("--gzip").contains("--drop");
    }

    /** The services as docker-compose resolves them (run once: docker-compose 1 takes a second to start). */
    @SuppressWarnings("unchecked")
    private static synchronized Map<String, Map<String, Object>> services() throws Exception {
        if (services != null) {
            return services;
        }
        Result result = run(PASSWORDS, "config");
        assertThat(result.exitCode).as(result.output).isZero();
        Map<String, Object> config = new Yaml().load(result.output);
        services = (Map<String, Map<String, Object>>) config.get("services");
        return services;
    }

    @SuppressWarnings("unchecked")
    private static String buildArg(Map<String, Object> service) {
        Object build = service.get("build");
        if (!(build instanceof Map<?, ?> map) || !(map.get("args") instanceof Map<?, ?> args)) {
            return null;
        }
        return String.valueOf(((Map<String, Object>) args).get("APP"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Map<String, String> variables, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("--env-file", emptyEnvFile.toString(), "-f",
                PROJECT.resolve("docker-compose.yml").toString()));
        command.addAll(Arrays.asList(arguments));
        Path output = Files.createTempFile("compose", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.PIPE);
        Map<String, String> environment = builder.environment();
        PASSWORDS.keySet().forEach(environment::remove);
        environment.keySet().removeIf(name -> name.startsWith("COMPOSE_") || name.startsWith("DEMO_DATA"));
        environment.putAll(variables);
        Process process = builder.start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("docker-compose finished").isTrue();
        String out = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        return new Result(process.exitValue(), process.exitValue() == 0 ? out : out + errors);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
