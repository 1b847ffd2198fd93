package se.medborgarlofte.local;

import se.medborgarlofte.security.LocalUsers.NewUser;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ./run} prints once everything has started, as the last thing on the console: where each part answers,
 * and on the first start the local users' passwords (shown this once; the file keeps only hashes).
 *
 * @param webPort  -1 when the run has no web
 * @param users    the users file; null when the apps verify JWTs instead
 * @param created  the users created by this start, with their passwords; empty on later starts
 */
record ClosingBox(int webPort, int commandPort, int queryPort, String store, Path users, List<NewUser> created) {

    static final String RULE = "=".repeat(78);

    String text() {
        StringBuilder box = new StringBuilder("\n").append(RULE).append('\n')
                .append(" Medborgarlöften – uppföljning körs\n\n");
        if (webPort >= 0) {
            line(box, "Webbplatsen", "http://localhost:" + webPort + "/");
            line(box, "För personal", "http://localhost:" + webPort + "/personal/");
        }
        line(box, "Kommando-API (skriv)", "http://localhost:" + commandPort + "/api/promises");
        line(box, "  Swagger UI", "http://localhost:" + commandPort + "/swagger-ui.html");
        line(box, "Fråge-API (läs)", "http://localhost:" + queryPort + "/api/promises");
        line(box, "  Swagger UI", "http://localhost:" + queryPort + "/swagger-ui.html");
        line(box, "Drift", "http://localhost:" + queryPort + "/actuator/health/readiness");
        line(box, "", "http://localhost:" + queryPort + "/actuator/prometheus");
        line(box, "Databas", store);
        box.append('\n');
        if (users == null) {
            box.append(" Inloggning: identitetsleverantörens JWT (inga lokala användare).\n");
        } else if (!created.isEmpty()) {
            box.append(" Lokala användare, skapade nu i ").append(users.toAbsolutePath()).append(".\n")
                    .append(" Lösenorden visas bara den här gången (filen sparar BCrypt-hashar):\n")
                    .append(se.medborgarlofte.security.LocalUsers.table(created)).append('\n');
        } else {
            box.append(" Lokala användare: ").append(users.toAbsolutePath()).append('\n')
                    .append(" (lösenorden visades vid första starten; ta bort filen för att få nya)\n");
        }
        return box.append('\n').append(" Stoppa med Ctrl-C.\n").append(RULE).toString();
    }

    private static void line(StringBuilder box, String what, String where) {
        box.append(String.format(" %-22s%s%n", what, where));
    }
}
