package se.medborgarlofte.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import se.medborgarlofte.command.CommandSideApplication;
import se.medborgarlofte.embedded.EmbeddedMongoServer;
import se.medborgarlofte.query.QuerySideApplication;
import se.medborgarlofte.security.LocalUsers;
import se.medborgarlofte.web.WebApplication;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything in one process for local use: the embedded MongoDB wire server (file-backed under {@code ./data}),
 * the command side on 8080 and the query side on 8081, each its own Spring context talking to MongoDB through
 * the real driver, and the public web on 8082 reading the query side over HTTP. With {@code MONGODB_URI} set, that
 * MongoDB is used and no embedded server starts.
 */
public final class LocalApplication implements AutoCloseable {

    private final EmbeddedMongoServer mongo;
    private final ConfigurableApplicationContext commandSide;
    private final ConfigurableApplicationContext querySide;
    private final ConfigurableApplicationContext web;

    /** Settings of one local run; a negative {@code webPort} runs no web (0 takes any free port, as for the others). */
    public record Settings(String mongoUri, Path dataDirectory, int mongoPort, int commandPort, int queryPort,
                           int webPort, boolean demoData, Map<String, Object> extraProperties) {

        /** The two apps without the web. */
        public Settings(String mongoUri, Path dataDirectory, int mongoPort, int commandPort, int queryPort,
                        boolean demoData, Map<String, Object> extraProperties) {
            this(mongoUri, dataDirectory, mongoPort, commandPort, queryPort, -1, demoData, extraProperties);
        }

        static Settings fromEnvironment() {
            String uri = System.getenv("MONGODB_URI");
            return new Settings(uri == null || uri.isBlank() ? null : uri,
                    Path.of(env("DATA_DIR", "data")), Integer.parseInt(env("EMBEDDED_MONGO_PORT", "27017")),
                    Integer.parseInt(env("COMMAND_PORT", "8080")), Integer.parseInt(env("QUERY_PORT", "8081")),
                    Integer.parseInt(env("WEB_PORT", "8082")), Boolean.parseBoolean(env("DEMO_DATA", "true")), Map.of());
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    public LocalApplication(Settings settings) {
        this(settings, null);
    }

    /** {@code starting} gets this run before anything starts, so that Ctrl-C during the start can stop it. */
    LocalApplication(Settings settings, java.util.concurrent.atomic.AtomicReference<LocalApplication> starting) {
        if (starting != null) {
            starting.set(this);
        }
        String uri = settings.mongoUri();
        if (uri == null) {
            mongo = settings.dataDirectory() == null ? EmbeddedMongoServer.inMemory()
                    : EmbeddedMongoServer.fileBacked(settings.dataDirectory(), "127.0.0.1", settings.mongoPort());
            uri = mongo.uri("medborgarlofte");
        } else {
            mongo = null;
        }
        try {
            Map<String, Object> common = new HashMap<>(settings.extraProperties());
            common.put("spring.mongodb.uri", uri);
            common.putIfAbsent("medborgarlofte.security.users-file", usersFile(settings));
            common.put("spring.main.register-shutdown-hook", "false");
            Map<String, Object> command = new HashMap<>(common);
            command.put("server.port", settings.commandPort());
            command.put("medborgarlofte.demo-data.enabled", settings.demoData());
            commandSide = start(CommandSideApplication.builder(), command);
            Map<String, Object> query = new HashMap<>(common);
            query.put("server.port", settings.queryPort());
            // one banner for the run: the command side's
            query.put("spring.main.banner-mode", "off");
            querySide = start(QuerySideApplication.builder(), query);
            Map<String, Object> webProperties = new HashMap<>(Map.of("server.port", settings.webPort(),
                    "medborgarlofte.web.query-url", "http://localhost:" + port(querySide),
                    "medborgarlofte.web.command-url", "http://localhost:" + port(commandSide),
                    "medborgarlofte.security.users-file", common.get("medborgarlofte.security.users-file"),
                    "spring.main.register-shutdown-hook", "false", "spring.main.banner-mode", "off"));
            settings.extraProperties().forEach((key, value) -> {
                if (key.startsWith("logging.") || key.equals("spring.main.log-startup-info")) {
                    webProperties.put(key, value);
                }
            });
            web = settings.webPort() < 0 ? null : start(WebApplication.builder(), webProperties);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The identity provider in JWT mode, from the environment or a system property. */
    private static String issuer() {
        String value = System.getProperty(StartupChecks.ISSUER);
        return value != null ? value : System.getenv("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
    }

    /**
     * Without {@code --debug} the console is quiet: a failed start is told in one line, not in Spring's report and
     * stack trace, and nothing below WARN is shown but our own (no driver, embedded server, Netty, Axon, Tomcat or
     * Spring start-up lines), nor the embedded server's warnings about indexes it ignores by design.
     */
    private static Settings quiet(Settings settings, boolean debug) {
        if (debug) {
            return settings;
        }
        // until Spring sets up logging, Logback's default would print everything the embedded server says
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, Object> extra = new HashMap<>(settings.extraProperties());
        extra.putIfAbsent("logging.level.org.springframework.boot.SpringApplication", "OFF");
        extra.putIfAbsent("logging.level.org.springframework.boot.diagnostics", "OFF");
        extra.putIfAbsent("logging.level.root", "WARN");
        extra.putIfAbsent("logging.level.se.medborgarlofte", "INFO");
        extra.putIfAbsent("logging.level.de.bwaldvogel.mongo.backend", "ERROR");
        extra.putIfAbsent("logging.level.org.springdoc.core.events", "ERROR");
        extra.putIfAbsent("spring.main.log-startup-info", "false");
        return new Settings(settings.mongoUri(), settings.dataDirectory(), settings.mongoPort(), settings.commandPort(),
                settings.queryPort(), settings.webPort(), settings.demoData(), extra);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Users whose passwords were never shown (the start failed): the next start makes new ones. */
    private static void forget(Path users) {
        try {
            java.nio.file.Files.deleteIfExists(users);
        } catch (java.io.IOException e) {
            System.err.println("Kunde inte ta bort " + users + ": " + e.getMessage());
        }
    }

    /** Beside the data; for an in-memory run, in a fresh temporary folder. */
    private static String usersFile(Settings settings) {
        try {
            Path directory = settings.dataDirectory() != null ? settings.dataDirectory()
                    : java.nio.file.Files.createTempDirectory("medborgarlofte-users");
            return directory.resolve("users.json").toAbsolutePath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** As command-line arguments, so they win over each side's own properties file. */
    private static ConfigurableApplicationContext start(SpringApplicationBuilder builder, Map<String, Object> properties) {
        return builder.run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new));
    }

    public int commandPort() {
        return port(commandSide);
    }

    public int queryPort() {
        return port(querySide);
    }

    /** The web's port; -1 when this run has no web. */
    public int webPort() {
        return web == null ? -1 : port(web);
    }

    public ConfigurableApplicationContext commandSide() {
        return commandSide;
    }

    public ConfigurableApplicationContext querySide() {
        return querySide;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Stops the web, the query side, then the command side, then the embedded server (which flushes its file). */
    @Override
    public synchronized void close() {
        closeQuietly(web);
        closeQuietly(querySide);
        closeQuietly(commandSide);
        if (mongo != null) {
            mongo.close();
        }
    }

    private static void closeQuietly(ConfigurableApplicationContext context) {
        if (context != null && context.isActive()) {
            context.close();
        }
    }

    public static void main(String[] args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        Settings settings = Settings.fromEnvironment();
        LocalApplication app;
        var starting = new java.util.concurrent.atomic.AtomicReference<LocalApplication>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalApplication run = starting.get();
            if (run != null) {
                run.close();
            }
        }, "local-app-shutdown"));
        boolean jwt = issuer() != null || System.getenv("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI") != null;
        Path users = settings.dataDirectory().resolve("users.json");
        List<LocalUsers.NewUser> created = List.of();
        try {
            StartupChecks.check(settings, issuer());
            Settings quiet = quiet(settings, debug);
            // created here rather than by the apps, so that the new passwords go in the closing box
            created = jwt ? List.of() : LocalUsers.createIfAbsent(users,
                    PasswordEncoderFactories.createDelegatingPasswordEncoder(), JsonMapper.builder().build());
            app = new LocalApplication(quiet, starting);
        } catch (StartupChecks.StartupProblem problem) {
            System.err.println(problem.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            if (!created.isEmpty()) {
                forget(users);
            }
            if (debug) {
                e.printStackTrace();
            }
            System.err.println("Starten misslyckades (start failed): " + rootCause(e)
                               + (debug ? "" : "\nKör ./run --debug för detaljerna."));
            System.exit(1);
            return;
        }
        String store = settings.mongoUri() != null ? settings.mongoUri().replaceAll("//[^@/]+@", "//***@")
                : "inbäddad MongoDB " + app.mongo.connectionString() + ", data i "
                  + settings.dataDirectory().toAbsolutePath();
        // printed, not logged, and last, so that it is what the console shows once the run has started
        System.out.println(new ClosingBox(app.webPort(), app.commandPort(), app.queryPort(), store,
                jwt ? null : users, created).text());
    }
}
