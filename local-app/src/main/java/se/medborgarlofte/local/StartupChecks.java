package se.medborgarlofte.local;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import se.medborgarlofte.security.LocalUsers;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What goes wrong on a first run on a machine that is not clean, found before anything starts and told in one or
 * two plain lines (Swedish, with the English key term): a port taken, the data folder in use, unwritable or
 * damaged, a MongoDB or an identity provider out of reach, a broken users file. Nothing is written by a check.
 */
final class StartupChecks {

    /** A first-run problem: its message is what the user reads. */
    static final class StartupProblem extends RuntimeException {
        StartupProblem(String message) {
            super(message, null, false, false);
        }
    }

    static final String MONGO_FILE = "mongo.mv.db";
    static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    private StartupChecks() {
    }

    static void check(LocalApplication.Settings settings, String issuer) {
        boolean embedded = settings.mongoUri() == null && settings.dataDirectory() != null;
        if (embedded) {
            port(settings.mongoPort(), "den inbäddade MongoDB", "EMBEDDED_MONGO_PORT");
        }
        port(settings.commandPort(), "kommandosidan", "COMMAND_PORT");
        port(settings.queryPort(), "frågesidan", "QUERY_PORT");
        port(settings.webPort(), "webbplatsen", "WEB_PORT");
        if (embedded) {
            dataFolder(settings.dataDirectory());
        } else if (settings.mongoUri() != null) {
            reachable(settings.mongoUri());
        }
        if (issuer != null && !issuer.isBlank()) {
            issuer(issuer.strip());
        } else if (settings.dataDirectory() != null) {
            usersFile(settings.dataDirectory().resolve("users.json"));
        }
    }

    static void port(int port, String what, String setting) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            String instead = setting.equals("EMBEDDED_MONGO_PORT")
                    ? " Kör du redan en MongoDB? Använd den i stället med MONGODB_URI=mongodb://localhost:" + port
                      + "/medborgarlofte."
                    : "";
            throw new StartupProblem("Port " + port + " (" + what + ") används redan (port in use). Välj en annan med "
                                     + setting + "=<port>, eller stoppa det som använder den." + instead);
        }
    }

    static void dataFolder(Path folder) {
        Path absolute = folder.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            Path existing = absolute.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !Files.isDirectory(existing)) {
                throw unusable(absolute, existing + " är en fil, inte en mapp");
            }
            if (existing != null && !Files.isWritable(existing)) {
                throw unusable(absolute, "det går inte att skapa den i " + existing);
            }
            return;
        }
        if (!Files.isWritable(absolute)) {
            throw unusable(absolute, "mappen är skrivskyddad");
        }
        Path file = absolute.resolve(MONGO_FILE);
        if (Files.exists(file)) {
            openReadOnly(absolute, file);
        }
    }

    private static StartupProblem unusable(Path folder, String why) {
        return new StartupProblem("Datamappen " + folder + " går inte att använda (data folder not writable): " + why
                                  + ". Välj en annan med DATA_DIR=<mapp>.");
    }

    /** Opens the store without writing: refuses when another run holds it, or when it is damaged. */
    private static void openReadOnly(Path folder, Path file) {
        try {
            new MVStore.Builder().fileName(file.toString()).readOnly().open().close();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED) {
                throw new StartupProblem("Datamappen " + folder + " används redan av en annan körning (data folder "
                                         + "in use). Stoppa den andra körningen, eller välj en annan mapp med "
                                         + "DATA_DIR=<mapp>.");
            }
            throw new StartupProblem("Datafilen " + file + " är skadad och kan inte öppnas (data file damaged: "
                                     + e.getMessage().replaceAll(" \\[.*", "") + "). Inget har ändrats i den. Flytta "
                                     + "undan den och starta om, eller återställ den från en säkerhetskopia.");
        }
    }

    static void reachable(String uri) {
        MongoClientSettings clientSettings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(4, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(4, TimeUnit.SECONDS))
                .build();
        ch.qos.logback.classic.Logger driver =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.mongodb.driver");
        ch.qos.logback.classic.Level level = driver.getLevel();
        driver.setLevel(ch.qos.logback.classic.Level.OFF);
        try (MongoClient client = MongoClients.create(clientSettings)) {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            throw new StartupProblem("MongoDB på " + redacted(uri) + " svarar inte (MONGODB_URI unreachable). "
                                     + "Kontrollera adressen och att servern kör, eller ta bort MONGODB_URI för att "
                                     + "använda den inbäddade.");
        } finally {
            driver.setLevel(level);
        }
    }

    private static String redacted(String uri) {
        return uri.replaceAll("//[^@/]+@", "//***@");
    }

    static void issuer(String issuer) {
        String discovery = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(4)).build();
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(discovery))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                return;
            }
            throw new IOException("HTTP " + response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupProblem("Identitetsleverantören " + issuer + " går inte att nå (issuer unreachable: "
                                     + e.getMessage() + "). Kontrollera " + ISSUER + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupProblem("Avbruten.");
        }
    }

    static void usersFile(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            LocalUsers.load(file, PasswordEncoderFactories.createDelegatingPasswordEncoder(), JsonMapper.builder().build());
        } catch (RuntimeException e) {
            String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new StartupProblem("Användarfilen " + file.toAbsolutePath() + " går inte att läsa (users file "
                                     + "malformed: " + firstLine(cause) + "). Rätta den, eller flytta undan den så "
                                     + "skapas en ny med nya lösenord.");
        }
    }

    private static String firstLine(String text) {
        return text == null ? "okänt fel" : text.lines().findFirst().orElse(text);
    }
}
