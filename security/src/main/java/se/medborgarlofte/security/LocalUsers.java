package se.medborgarlofte.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The users of the local one-command run, kept in a JSON file (passwords as BCrypt hashes). If the file does not
 * exist it is created with one user per role, each with a random password that is printed once. There is no
 * built-in password anywhere.
 */
public final class LocalUsers implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(LocalUsers.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** One entry of the users file. */
    public record Entry(String username, String name, Role role, String organisation, String passwordHash) {
    }

    record UsersFile(List<Entry> users) {
    }

    /** A user of the file, as Spring Security sees it. */
    public static final class LocalUser implements UserDetails {
        private final Entry entry;

        LocalUser(Entry entry) {
            this.entry = entry;
        }

        CurrentUser currentUser() {
            return new CurrentUser(entry.username(), entry.name(), entry.organisation(), entry.role());
        }

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return List.of(new SimpleGrantedAuthority("ROLE_" + entry.role().name()));
        }

        @Override
        public String getPassword() {
            return entry.passwordHash();
        }

        @Override
        public String getUsername() {
            return entry.username();
        }
    }

    private final Map<String, Entry> users;

    private LocalUsers(List<Entry> entries) {
        this.users = entries.stream().collect(Collectors.toMap(Entry::username, Function.identity()));
    }

    /** The default users of a fresh local run, matching the demo promises. */
    static List<Entry> defaults() {
        return List.of(
                new Entry("admin", "Administratör", Role.ADMIN, null, null),
                new Entry("polis", "Kommunpolis Värnamo", Role.EDITOR, "Lokalpolisområde Värnamo", null),
                new Entry("kommun", "Trygghetssamordnare Gnosjö", Role.EDITOR, "Gnosjö", null),
                new Entry("lasare", "Läsare i lokala BRÅ", Role.VIEWER, null, null));
    }

    /** Reads the users file, creating it (and printing the new passwords once) if it does not exist. */
    public static LocalUsers load(Path file, PasswordEncoder encoder, JsonMapper json) {
        List<NewUser> created = createIfAbsent(file, encoder, json);
        if (!created.isEmpty()) {
            log.warn("""

                    ==============================================================
                     Lokala användare skapades i {}
                     Lösenorden visas bara nu; filen sparar dem som BCrypt-hashar.
                    {}
                     Ta bort filen för att få nya lösenord.
                    ==============================================================""", file.toAbsolutePath(),
                    table(created));
        }
        return new LocalUsers(json.readValue(file.toFile(), UsersFile.class).users());
    }

    /**
     * Creates the users file, one user per role with a random password, if it does not exist; prints nothing.
     * Answers the users it created with their passwords (for the one time they are shown), none if the file existed.
     */
    public static List<NewUser> createIfAbsent(Path file, PasswordEncoder encoder, JsonMapper json) {
        try {
            return Files.exists(file) ? List.of() : create(file, encoder, json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the users file " + file.toAbsolutePath(), e);
        }
    }

    /** The users and their passwords as lines of a table, each indented by three spaces. */
    public static String table(List<NewUser> users) {
        StringBuilder table = new StringBuilder(String.format("   %-9s %-21s %-7s %s", "användare", "lösenord", "roll",
                "organisation"));
        for (NewUser user : users) {
            table.append(String.format("%n   %-9s %-21s %-7s %s", user.username(), user.password(), user.role(),
                    user.organisation() == null ? "" : user.organisation()).stripTrailing());
        }
        return table.toString();
    }

    /** A user to put in a users file, with the password in clear (only its hash is written). */
    public record NewUser(String username, String name, Role role, String organisation, String password) {
    }

    /** Writes a users file (for provisioning, and for tests that need known passwords). */
    public static void provision(Path file, List<NewUser> users) {
        provision(file, users, 10);
    }

    /** As {@link #provision(Path, List)}, with a BCrypt cost of one's choosing (tests use a low one to run fast). */
    public static void provision(Path file, List<NewUser> users, int bcryptStrength) {
        PasswordEncoder bcrypt = new BCryptPasswordEncoder(bcryptStrength);
        java.util.function.UnaryOperator<String> encode = raw -> "{bcrypt}" + bcrypt.encode(raw);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), new UsersFile(
                    users.stream().map(u -> new Entry(u.username(), u.name(), u.role(), u.organisation(),
                            encode.apply(u.password()))).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<NewUser> create(Path file, PasswordEncoder encoder, JsonMapper json) throws IOException {
        SecureRandom random = new SecureRandom();
        List<Entry> entries = new ArrayList<>();
        List<NewUser> created = new ArrayList<>();
        for (Entry entry : defaults()) {
            String password = random.ints(20, 0, ALPHABET.length()).mapToObj(i -> String.valueOf(ALPHABET.charAt(i)))
                    .collect(Collectors.joining());
            entries.add(new Entry(entry.username(), entry.name(), entry.role(), entry.organisation(),
                    encoder.encode(password)));
            created.add(new NewUser(entry.username(), entry.name(), entry.role(), entry.organisation(), password));
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "users", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on other file systems
        }
        json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), new UsersFile(entries));
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException createdMeanwhile) {
            Files.deleteIfExists(temporary);
            return List.of();
        }
        return created;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Entry entry = users.get(username);
        if (entry == null) {
            throw new UsernameNotFoundException("No such user");
        }
        return new LocalUser(entry);
    }
}
