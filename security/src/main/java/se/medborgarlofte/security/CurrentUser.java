package se.medborgarlofte.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verified caller: from the local users file (HTTP Basic) or from a JWT's claims. Never from a header the
 * caller can set. {@code organisation} names one organisation, or several separated by {@value #SEPARATOR} (a
 * crime-prevention coordinator who works for three municipalities); the user acts for any of them.
 */
public record CurrentUser(String userId, String name, String organisation, Role role) {

    public static final String SEPARATOR = ", ";

    /** Each organisation the user acts for. */
    public List<String> organisations() {
        return split(organisation);
    }

    /** The organisations in a value written by {@link #organisation()} (or a claim listing them). */
    public static List<String> split(String organisations) {
        return organisations == null ? List.of() : Arrays.stream(organisations.split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    /** One value for a claim that is a single string or a list of them. */
    static String join(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).map(String::strip).collect(Collectors.joining(SEPARATOR));
        }
        return claim == null ? null : claim.toString();
    }

    /** The caller of the current request, if authenticated. */
    public static Optional<CurrentUser> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication.getPrincipal() instanceof CurrentUser user) {
            return Optional.of(user);
        }
        if (authentication.getPrincipal() instanceof LocalUsers.LocalUser local) {
            return Optional.of(local.currentUser());
        }
        if (authentication instanceof JwtAuthenticationToken jwt && jwt.getDetails() instanceof CurrentUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static boolean isAuthenticated() {
        return get().isPresent();
    }
}
