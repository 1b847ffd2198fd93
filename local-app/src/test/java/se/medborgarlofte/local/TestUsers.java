package se.medborgarlofte.local;

import se.medborgarlofte.security.LocalUsers;
import se.medborgarlofte.security.LocalUsers.NewUser;
import se.medborgarlofte.security.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Known local users for tests (the password of each is its name + "-password"): an administrator, editors of
 * Testby's police area and municipality, and a viewer.
 */
final class TestUsers {

    static final String POLICE_AREA = "Lokalpolisområde Testby";
    static final String MUNICIPALITY = "Testby";

    private TestUsers() {
    }

    static Path file() {
        try {
            Path file = Files.createTempDirectory("test-users").resolve("users.json");
            LocalUsers.provision(file, List.of(
                    user("admin", "Eva Admin", Role.ADMIN, null),
                    user("polis", "Anna Kommunpolis", Role.EDITOR, POLICE_AREA),
                    user("polis2", "Bo Polis", Role.EDITOR, POLICE_AREA),
                    user("kommun", "Sara Samordnare", Role.EDITOR, MUNICIPALITY),
                    user("gnosjo", "Gun Gnosjö", Role.EDITOR, "Gnosjö"),
                    user("lasare", "Lars Läsare", Role.VIEWER, null)), 4);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NewUser user(String username, String name, Role role, String organisation) {
        return new NewUser(username, name, role, organisation, username + "-password");
    }

    /** An in-memory local app whose users are these, on the {@link TestClock} (call its {@code install()} first). */
    static LocalApplication.Settings inMemory() {
        return new LocalApplication.Settings(null, null, 0, 0, 0, false,
                TestClock.properties(Map.of("medborgarlofte.security.users-file", file().toString())));
    }
}
